package funds

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/funds"
	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/platform/clock"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/programs"
	"github.com/peduli/peduli/internal/tenancy"
	"github.com/peduli/peduli/internal/web"
)

// Workspace serves the treasurer's pages: donations and the ledger.
type Workspace struct {
	Pages   *web.Pages
	Funds   *funds.Service
	Tenancy *tenancy.Service
	Access  *access.Enforcer
	// Programs lists the group's programs, which a ledger entry may name.
	Programs *programs.Service
}

// Donations lists the group's gifts and, for the treasurer, a form to
// record one received by hand (GET /t/{slug}/donations).
func (h *Workspace) Donations(c *fiber.Ctx) error {
	return h.donations(c, fiber.StatusOK, web.NewForm("method", "cash", "received_on", string(clock.Today(h.Funds.Now(), clock.Zone))))
}

func (h *Workspace) donations(c *fiber.Ctx, status int, f *web.Form) error {
	withEmail, err := h.Access.Can(identity.UserOf(c).ID, tenancy.TenantOf(c).ID, access.DonorsRead)
	if err != nil {
		return err
	}
	ds, _, err := h.Funds.Donations(c.UserContext(), h.Tenancy.ScopeOf(c), funds.DonationFilter{Limit: 100})
	if err != nil {
		return err
	}
	items := make([]funds.DonationView, len(ds))
	for i := range ds {
		items[i] = h.Funds.View(&ds[i], withEmail)
	}
	held, err := h.Funds.Discrepancies(c.UserContext(), h.Tenancy.ScopeOf(c))
	if err != nil {
		return err
	}
	return h.Pages.RenderForm(c, status, "funds/donations", f, donationsView{Items: items, Held: held})
}

// donationsView is what the workspace donations page shows: the gifts and
// the Stripe payments held because their amount or currency differed.
type donationsView struct {
	Items []funds.DonationView
	Held  []funds.DiscrepancyView
}

// RecordDonation books a cash, transfer or in-kind gift (POST /t/{slug}/donations).
func (h *Workspace) RecordDonation(c *fiber.Ctx) error {
	f := web.ParseForm(c, "amount", "method", "received_on", "donor.name", "donor.email", "description", "anonymous")
	in := funds.RecordInput{Currency: funds.Currency, Method: f.Get("method"), ReceivedOn: f.Get("received_on"),
		Description: f.Get("description"), Anonymous: f.Get("anonymous") != "", Locale: web.Lang(c)}
	in.Donor.Name, in.Donor.Email = f.Get("donor.name"), f.Get("donor.email")
	in.Amount = f.Rupiah("amount")
	saved, err := f.Submit(func() error {
		_, err := h.Funds.Record(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), in)
		return err
	}, func() error { return h.Funds.CheckRecord(in) }, nil)
	if err != nil {
		return err
	}
	if saved {
		return h.Pages.Redirect(c, "/t/"+tenancy.TenantOf(c).Slug+"/donations", "funds.ws.recorded")
	}
	f.AmountMessage("amount")
	return h.donations(c, fiber.StatusUnprocessableEntity, f)
}

// ledgerView is what the workspace ledger page shows.
type ledgerView struct {
	Items  []funds.EntryView
	Totals funds.Totals
	// Cash is the one cash figure: this ledger's with the members' fund's.
	Cash      funds.CashOnHand
	Threshold int64
	// Pending is a raise of the threshold waiting for a second owner or admin.
	Pending *funds.PendingThreshold
	// Programs are the group's programs an entry may name, and their names by id.
	Programs     []programs.ProgramView
	ProgramNames map[string]string
}

// ProgramName names the program an entry is for, or "".
func (v ledgerView) ProgramName(id *string) string {
	if id == nil {
		return ""
	}
	return v.ProgramNames[*id]
}

// Ledger shows every entry and the totals (GET /t/{slug}/ledger).
func (h *Workspace) Ledger(c *fiber.Ctx) error {
	return h.ledger(c, fiber.StatusOK, web.NewForm("kind", "expense", "occurred_on", string(clock.Today(h.Funds.Now(), clock.Zone))))
}

func (h *Workspace) ledger(c *fiber.Ctx, status int, f *web.Form) error {
	scope := h.Tenancy.ScopeOf(c)
	b, err := h.Funds.Ledger(c.UserContext(), scope)
	if err != nil {
		return err
	}
	th, err := h.Funds.ThresholdState(c.UserContext(), scope)
	if err != nil {
		return err
	}
	items := b.Views()
	for i, j := 0, len(items)-1; i < j; i, j = i+1, j-1 {
		items[i], items[j] = items[j], items[i] // newest first
	}
	progs, err := h.Programs.Programs(c.UserContext(), scope)
	if err != nil {
		return err
	}
	names := make(map[string]string, len(progs))
	for _, p := range progs {
		names[p.ID] = p.Name
	}
	return h.Pages.RenderForm(c, status, "funds/ledger_ws", f, ledgerView{Items: items, Totals: b.Totals(), Cash: b.Cash(),
		Threshold: th.ApprovalThreshold, Pending: th.Pending, Programs: progs, ProgramNames: names})
}

// AddEntry writes an entry typed in the form, with an optional receipt
// photo (POST /t/{slug}/ledger).
func (h *Workspace) AddEntry(c *fiber.Ctx) error {
	f := web.ParseForm(c, "kind", "amount", "category", "occurred_on", "note", "program_id")
	in := funds.EntryInput{Kind: f.Get("kind"), Currency: funds.Currency, Category: f.Get("category"),
		OccurredOn: f.Get("occurred_on"), Note: f.Get("note"), ProgramID: f.Get("program_id")}
	in.Amount = f.Rupiah("amount")
	// The service's rules before anything else: a form the page could not
	// fully read still shows them all, and no receipt is stored for an
	// entry that will be refused.
	err := h.Funds.CheckEntry(in)
	if !f.OK() {
		if err != nil && !f.Fail(err, nil) {
			return err
		}
		f.AmountMessage("amount")
		return h.ledger(c, fiber.StatusUnprocessableEntity, f)
	}
	tenantID := tenancy.TenantOf(c).ID
	var up *funds.Upload
	if fh, ferr := c.FormFile("receipt"); err == nil && ferr == nil && fh.Size > 0 {
		up, err = h.Funds.SaveReceipt(tenantID, fh)
	}
	var before funds.Totals
	if err == nil && in.Kind == funds.KindExpense {
		var b *funds.Book
		if b, err = h.Funds.Ledger(c.UserContext(), h.Tenancy.ScopeOf(c)); err == nil {
			before = b.Totals()
		}
	}
	if err == nil {
		_, err = h.Funds.AddEntry(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), in, up)
	}
	if err == nil {
		to := "/t/" + tenancy.TenantOf(c).Slug + "/ledger"
		if in.Kind == funds.KindExpense && in.Amount > before.Balance {
			// Saved all the same (the money may already be spent), but the
			// treasurer should know the group's cash does not cover it.
			h.Pages.SetFlash(c, "warn", "funds.ws.over_balance")
			return c.Redirect(to, fiber.StatusSeeOther)
		}
		return h.Pages.Redirect(c, to, "funds.ws.entry_added")
	}
	h.Funds.RemoveReceipt(tenantID, up)
	if !f.Fail(err, nil) {
		return err
	}
	f.AmountMessage("amount")
	return h.ledger(c, fiber.StatusUnprocessableEntity, f)
}

// Approve approves an expense (POST /t/{slug}/ledger/{id}/approve).
func (h *Workspace) Approve(c *fiber.Ctx) error {
	id := c.Params("id")
	if !db.ValidID(id) {
		return errs.ErrNotFound
	}
	_, err := h.Funds.Approve(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), id)
	return h.after(c, err, "funds.ws.approved")
}

// Reverse reverses an entry (POST /t/{slug}/ledger/{id}/reverse).
func (h *Workspace) Reverse(c *fiber.Ctx) error {
	id := c.Params("id")
	if !db.ValidID(id) {
		return errs.ErrNotFound
	}
	_, err := h.Funds.Reverse(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), id, funds.ReverseInput{Note: c.FormValue("note")})
	return h.after(c, err, "funds.ws.reversed")
}

// ConfirmThreshold puts a raise of the approval threshold proposed by an
// owner into force (POST /t/{slug}/ledger/settings/confirm).
func (h *Workspace) ConfirmThreshold(c *fiber.Ctx) error {
	_, err := h.Funds.ConfirmThreshold(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c))
	return h.after(c, err, "funds.ws.threshold_confirmed")
}

// after redirects to the ledger with a flash: done, or the conflict's message.
func (h *Workspace) after(c *fiber.Ctx, err error, done string) error {
	to := "/t/" + tenancy.TenantOf(c).Slug + "/ledger"
	var ce *errs.ConflictError
	switch {
	case err == nil:
		return h.Pages.Redirect(c, to, done)
	case errors.As(err, &ce):
		h.Pages.SetFlash(c, "error", "funds.ws.conflict."+ce.Code)
		return c.Redirect(to, fiber.StatusSeeOther)
	}
	return err
}
