package registrypages

import (
	"github.com/gofiber/fiber/v2"

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
	Filter     filter
	Filtered   bool
	Programs   []programs.ProgramView
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
func (h *Handlers) Search(c *fiber.Ctx) error {
	return h.list(c, c.FormValue("q"), c.FormValue("cursor"),
		filter{PRSE: c.FormValue("prse"), Program: c.FormValue("program"), Consent: c.FormValue("consent")})
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
