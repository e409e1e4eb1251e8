package funds

import (
	"errors"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/platform/httpx"
	"github.com/peduli/peduli/internal/tenancy"
)

// Handlers serves the funds API.
type Handlers struct {
	Service *Service
	// WebhookOutcome, when set, is told each webhook delivery's outcome
	// (for metrics): an event outcome, or "retry", "rejected" or "failed".
	WebhookOutcome func(outcome string)
}

// PublicGroup answers GET /api/v1/public/groups/{slug}.
func (h *Handlers) PublicGroup(c *fiber.Ctx) error {
	g, err := h.Service.PublicGroup(c.UserContext(), c.Params("slug"))
	if err != nil {
		return err
	}
	return c.JSON(g)
}

// PublicLedger answers GET /api/v1/public/groups/{slug}/ledger.
func (h *Handlers) PublicLedger(c *fiber.Ctx) error {
	l, err := h.Service.PublicLedger(c.UserContext(), c.Params("slug"))
	if err != nil {
		return err
	}
	return c.JSON(l)
}

// Give answers POST /api/v1/public/groups/{slug}/donations.
func (h *Handlers) Give(c *fiber.Ctx) error {
	var in GiveInput
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	out, err := h.Service.Give(c.UserContext(), c.Params("slug"), in)
	var de *DisabledError
	switch {
	case errors.As(err, &de):
		return writeDisabled(c, de.Reason)
	case errors.Is(err, ErrStripeUnavailable):
		return errs.Unavailable("payment_provider_unavailable",
			"the payment provider is not answering; your donation is recorded as pending, please try again in a few minutes")
	case err != nil:
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(out)
}

// Webhook answers POST /api/v1/stripe/webhook: 400 for a bad signature or
// body (nothing written), 2xx once the event is applied or was before,
// 5xx when applying failed so that Stripe retries.
func (h *Handlers) Webhook(c *fiber.Ctx) (err error) {
	outcome := ""
	if h.WebhookOutcome != nil {
		defer func() { h.WebhookOutcome(webhookOutcome(outcome, err)) }()
	}
	outcome, err = h.Service.Receive(c.UserContext(), c.Body(), c.Get("Stripe-Signature"))
	if errors.Is(err, errNotConfigured) {
		// Without a signing secret no event can be verified; Stripe keeps
		// retrying any non-2xx answer, so nothing is lost once it is set.
		h.Service.Log.Error("stripe webhook received but no signing secret is set for it")
		p := httpx.NewProblem("malformed_request", "this server cannot verify Stripe signatures yet")
		p.Code = "webhook_not_configured"
		return &httpx.ProblemError{Problem: p}
	}
	if errors.Is(err, errNotYetRoutable) {
		p := httpx.NewProblem("unavailable", "this event names no donation known yet; retry later")
		p.Code = "not_yet_routable"
		return &httpx.ProblemError{Problem: p}
	}
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"received": true, "outcome": outcome})
}

// webhookOutcome names a delivery's result: the event's outcome, "retry"
// when Stripe is asked to come back, "rejected" for a bad delivery and
// "failed" for a fault here.
func webhookOutcome(outcome string, err error) string {
	switch p := httpx.Classify(err); {
	case err == nil:
		return outcome
	case errors.Is(err, errNotYetRoutable) || p.Status == fiber.StatusServiceUnavailable || db.IsUnavailable(err):
		return "retry"
	case p.Status < 500:
		return "rejected"
	}
	return "failed"
}

// Donations answers GET /api/v1/t/{slug}/donations. Donors' emails are
// shown only to roles that may read donors.
func (h *Handlers) Donations(c *fiber.Ctx) error {
	s := h.Service
	withEmail, err := s.Access.Can(identity.UserOf(c).ID, tenancy.TenantOf(c).ID, access.DonorsRead)
	if err != nil {
		return err
	}
	limit, _ := strconv.Atoi(c.Query("limit"))
	cursor := c.Query("cursor")
	if cursor != "" && !db.ValidID(cursor) {
		return errs.Invalid("cursor", "uuid", "must be a valid id")
	}
	ds, next, err := s.Donations(c.UserContext(), s.Tenancy.ScopeOf(c), DonationFilter{Status: c.Query("status"), Limit: limit, Cursor: cursor})
	if err != nil {
		return err
	}
	items := make([]DonationView, len(ds))
	for i := range ds {
		items[i] = s.View(&ds[i], withEmail)
	}
	return c.JSON(fiber.Map{"items": items, "next_cursor": next})
}

// Discrepancies answers GET /api/v1/t/{slug}/donations/discrepancies.
func (h *Handlers) Discrepancies(c *fiber.Ctx) error {
	items, err := h.Service.Discrepancies(c.UserContext(), h.Service.Tenancy.ScopeOf(c))
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"items": items})
}

// RecordDonation answers POST /api/v1/t/{slug}/donations.
func (h *Handlers) RecordDonation(c *fiber.Ctx) error {
	var in RecordInput
	if err := httpx.Decode(c, &in); err != nil {
		return err
	}
	s := h.Service
	d, err := s.Record(c.UserContext(), s.Tenancy.ScopeOf(c), tenancy.ActorOf(c), in)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(s.View(d, true))
}

// Ledger answers GET /api/v1/t/{slug}/ledger: every entry, the totals,
// the balance per program and the cash on hand with the members' fund.
func (h *Handlers) Ledger(c *fiber.Ctx) error {
	b, err := h.Service.Ledger(c.UserContext(), h.Service.Tenancy.ScopeOf(c))
	if err != nil {
		return err
	}
	items, next, err := PageEntries(b.Views(), c.Query("cursor"), c.Query("limit"))
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"items": items, "next_cursor": next, "totals": b.Totals(), "by_program": b.ByProgram(),
		"cash": b.Cash()})
}

// AddEntry answers POST /api/v1/t/{slug}/ledger, as JSON or as a
// multipart form with an optional "receipt" file.
func (h *Handlers) AddEntry(c *fiber.Ctx) error {
	s := h.Service
	var in EntryInput
	var up *Upload
	tenantID := tenancy.TenantOf(c).ID
	if form, err := c.MultipartForm(); err == nil {
		if err := c.BodyParser(&in); err != nil {
			return httpx.Malformed("the form could not be read")
		}
		if err := s.CheckEntry(in); err != nil {
			return err // before the receipt is stored
		}
		if files := form.File["receipt"]; len(files) > 0 {
			if up, err = s.SaveReceipt(tenantID, files[0]); err != nil {
				return err
			}
		}
	} else if err := httpx.Decode(c, &in); err != nil {
		return err
	}
	e, err := s.AddEntry(c.UserContext(), s.Tenancy.ScopeOf(c), tenancy.ActorOf(c), in, up)
	if err != nil {
		s.RemoveReceipt(tenantID, up)
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(entryView(e))
}

// Reverse answers POST /api/v1/t/{slug}/ledger/{id}/reverse.
func (h *Handlers) Reverse(c *fiber.Ctx) error {
	id := c.Params("id")
	if !db.ValidID(id) {
		return errs.ErrNotFound
	}
	var in ReverseInput
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	scope := h.Service.Tenancy.ScopeOf(c)
	e, err := h.Service.Reverse(c.UserContext(), scope, tenancy.ActorOf(c), id, in)
	if err != nil {
		return err
	}
	v, err := h.Service.EntryView(c.UserContext(), scope, e.ID)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(v)
}

// Approve answers POST /api/v1/t/{slug}/ledger/{id}/approve.
func (h *Handlers) Approve(c *fiber.Ctx) error {
	id := c.Params("id")
	if !db.ValidID(id) {
		return errs.ErrNotFound
	}
	scope := h.Service.Tenancy.ScopeOf(c)
	if _, err := h.Service.Approve(c.UserContext(), scope, tenancy.ActorOf(c), id); err != nil {
		return err
	}
	v, err := h.Service.EntryView(c.UserContext(), scope, id)
	if err != nil {
		return err
	}
	return c.JSON(v)
}

// EntryReceipt answers GET /api/v1/t/{slug}/ledger/{id}/receipt with the file.
func (h *Handlers) EntryReceipt(c *fiber.Ctx) error {
	id := c.Params("id")
	if !db.ValidID(id) {
		return errs.ErrNotFound
	}
	var key, ct string
	err := h.Service.Tenancy.ScopeOf(c).Read(c.UserContext(), func(tx *db.Tenant) error {
		var err error
		key, ct, err = h.Service.ReceiptFile(tx, id)
		return err
	})
	if err != nil {
		return err
	}
	// A receipt is at most MaxReceiptBytes: read it whole while the
	// request's context lives, rather than stream it after the handler.
	data, err := h.Service.ReadReceipt(c.UserContext(), key)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, ct)
	c.Set(fiber.HeaderContentDisposition, "attachment")
	return c.Send(data)
}

// Settings answers GET /api/v1/t/{slug}/ledger/settings.
func (h *Handlers) Settings(c *fiber.Ctx) error {
	st, err := h.Service.ThresholdState(c.UserContext(), h.Service.Tenancy.ScopeOf(c))
	if err != nil {
		return err
	}
	return c.JSON(st)
}

// SetSettings answers PUT /api/v1/t/{slug}/ledger/settings (owners only).
func (h *Handlers) SetSettings(c *fiber.Ctx) error {
	var in SettingsInput
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	st, err := h.Service.SetSettings(c.UserContext(), h.Service.Tenancy.ScopeOf(c), tenancy.ActorOf(c), in)
	if err != nil {
		return err
	}
	return c.JSON(st)
}

// ConfirmSettings answers POST /api/v1/t/{slug}/ledger/settings/confirm.
func (h *Handlers) ConfirmSettings(c *fiber.Ctx) error {
	st, err := h.Service.ConfirmThreshold(c.UserContext(), h.Service.Tenancy.ScopeOf(c), tenancy.ActorOf(c))
	if err != nil {
		return err
	}
	return c.JSON(st)
}

func entryView(e *LedgerEntry) EntryView {
	b := &Book{Entries: []LedgerEntry{*e}, approved: map[string]bool{}}
	return b.Views()[0]
}

// YearlySummaries answers GET /api/v1/t/{slug}/donations/yearly?year=YYYY.
func (h *Handlers) YearlySummaries(c *fiber.Ctx) error {
	year, err := strconv.Atoi(c.Query("year"))
	if err != nil {
		return errs.Invalid("year", "year", "must be a year such as 2026")
	}
	items, err := h.Service.YearlySummaries(c.UserContext(), h.Service.Tenancy.ScopeOf(c), year)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"items": items})
}

// SendYearlySummaries answers POST /api/v1/t/{slug}/donations/yearly/send {"year"}.
func (h *Handlers) SendYearlySummaries(c *fiber.Ctx) error {
	var in struct {
		Year int `json:"year" validate:"required,gte=2000,lte=3000"`
	}
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	n, err := h.Service.SendYearlySummaries(c.UserContext(), h.Service.Tenancy.ScopeOf(c), tenancy.ActorOf(c), tenancy.TenantOf(c).Name, in.Year)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"sent": n})
}

// writeDisabled answers 409 donations_disabled with the reason code.
func writeDisabled(c *fiber.Ctx, reason string) error {
	p := httpx.NewProblem("conflict", reasonText[reason])
	p.Code = "donations_disabled"
	c.Status(p.Status)
	if err := c.JSON(struct {
		httpx.Problem
		Reason string `json:"reason"`
	}{p, reason}); err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "application/problem+json")
	return nil
}
