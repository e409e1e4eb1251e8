package registry

import (
	"errors"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/programs"
	"github.com/peduli/peduli/internal/registry"
	"github.com/peduli/peduli/internal/tenancy"
)

// listData is the list page: one page of people, masked, the search and
// the filters (PRSE, program, consent), which travel in the URL: they name
// no one.
type listData struct {
	Q          string
	Items      []row
	NextCursor *string
	// ByNIK is set when the search was a NIK, looked up through the blind
	// index; NIKInvalid when it was not a valid one.
	ByNIK, NIKInvalid bool
	Filter            filter
	Filtered          bool
	Programs          []programs.ProgramView
}

// filter is the list's filters as the page's form holds them.
type filter struct{ PRSE, Program, Consent string }

// row is one person in the list.
type row struct {
	registry.View
	PRSE bool // her latest assessment found her eligible
}

// List shows the group's beneficiaries by name, 50 a page, NIK masked
// (GET /t/{slug}/beneficiaries?cursor=…).
func (h *Handlers) List(c *fiber.Ctx) error {
	return h.list(c, "", c.Query("cursor"), filter{PRSE: c.Query("prse"), Program: c.Query("program"), Consent: c.Query("consent")})
}

// Search lists the people whose name holds the searched text
// (POST /t/{slug}/beneficiaries/search). It is a POST so that a name
// never travels in a URL, where logs and browser history keep it; the
// "next page" button posts the search again with the cursor.
// For roles that may read NIKs, sixteen digits are looked up as a NIK
// through the blind index (audited), never as a name.
func (h *Handlers) Search(c *fiber.Ctx) error {
	q := c.FormValue("q")
	if nik := strings.Join(strings.Fields(q), ""); len(nik) == 16 && strings.Trim(nik, "0123456789") == "" &&
		tenancy.Can(c, access.PersonalRead) {
		return h.lookupNIK(c, q, nik)
	}
	return h.list(c, q, c.FormValue("cursor"),
		filter{PRSE: c.FormValue("prse"), Program: c.FormValue("program"), Consent: c.FormValue("consent")})
}

// SearchAgain answers a reload of a search result page, which the browser
// asks for with GET (GET /t/{slug}/beneficiaries/search): the search
// itself is never in the URL, so it goes back to the list.
func (h *Handlers) SearchAgain(c *fiber.Ctx) error {
	return c.Redirect("/t/"+tenancy.TenantOf(c).Slug+"/beneficiaries", fiber.StatusSeeOther)
}

func (h *Handlers) lookupNIK(c *fiber.Ctx, q, nik string) error {
	views, err := h.Registry.Lookup(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), registry.LookupInput{NIK: &nik})
	d := listData{Q: q, ByNIK: true, Items: make([]row, len(views))}
	var ve *errs.ValidationError
	switch {
	case errors.As(err, &ve):
		d.NIKInvalid = true
		return h.Pages.RenderForm(c, fiber.StatusUnprocessableEntity, "registry/list", nil, d)
	case err != nil:
		return err
	}
	for i, v := range views {
		d.Items[i] = row{View: v, PRSE: v.EligiblePRSE != nil && *v.EligiblePRSE}
	}
	return h.Pages.Render(c, "registry/list", d)
}

func (h *Handlers) list(c *fiber.Ctx, q, cursor string, f filter) error {
	ctx, scope := c.UserContext(), h.Tenancy.ScopeOf(c)
	page, err := h.Registry.List(ctx, scope, tenancy.ActorOf(c),
		registry.ListQuery{Q: q, Cursor: cursor, Limit: registry.DefaultLimit, PRSE: f.PRSE, Program: f.Program, Consent: f.Consent})
	if err != nil {
		return err
	}
	progs, err := h.Programs.Programs(ctx, scope)
	if err != nil {
		return err
	}
	d := listData{Q: q, NextCursor: page.NextCursor, Items: make([]row, len(page.Items)), Filter: f,
		Filtered: f != filter{}, Programs: progs}
	for i, v := range page.Items {
		d.Items[i] = row{View: v, PRSE: v.EligiblePRSE != nil && *v.EligiblePRSE}
	}
	return h.Pages.Render(c, "registry/list", d)
}
