package workspace

import (
	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/web"
)

// auditData is the audit page: its lines in the viewer's language.
type auditData struct {
	Items      []auditLine
	NextCursor *string
}

// auditLine is one event with its action and what it touched put into
// words ("Mengubah program"); an action or thing the catalogue does not
// know yet shows its code, so no event is ever hidden.
type auditLine struct {
	audit.Line
	Text string
}

// Audit lists who did what in the group, newest first, 50 a page
// (GET /t/{slug}/audit?cursor=…). It names changed fields, never values.
func (h *Handlers) Audit(c *fiber.Ctx) error {
	page, err := audit.List(c.UserContext(), h.Tenancy.ScopeOf(c), audit.Query{Limit: audit.DefaultLimit, Cursor: c.Query("cursor")})
	if err != nil {
		return err
	}
	lang := web.Lang(c)
	loc := h.Pages.Localizer(c)
	word := func(prefix, code string) string {
		if h.Pages.Catalogue.Has(lang, prefix+code) {
			return loc.T(prefix + code)
		}
		return code
	}
	d := auditData{NextCursor: page.NextCursor, Items: make([]auditLine, len(page.Items))}
	for i, l := range page.Items {
		d.Items[i] = auditLine{Line: l, Text: loc.T("audit.line", "Action", word("audit.action.", l.Action), "Entity", word("audit.entity.", l.Entity))}
	}
	return h.Pages.Render(c, "workspace/audit", d)
}
