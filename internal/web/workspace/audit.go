package workspace

import (
	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/identity"
)

// Audit lists who did what in the group, newest first, 50 a page
// (GET /t/{slug}/audit?cursor=…). It names changed fields, never values.
func (h *Handlers) Audit(c *fiber.Ctx) error {
	page, err := audit.List(c.UserContext(), h.Tenancy.ScopeOf(c), identity.NamesIn, audit.Query{Limit: audit.DefaultLimit, Cursor: c.Query("cursor")})
	if err != nil {
		return err
	}
	return h.Pages.Render(c, "workspace/audit", page)
}
