// Package workspace serves a group's own pages under /t/{slug}: the
// dashboard, settings, team and audit log.
package workspace

import (
	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/tenancy"
	"github.com/peduli/peduli/internal/web"
)

// Handlers serves the workspace shell pages.
type Handlers struct {
	Pages   *web.Pages
	Tenancy *tenancy.Service
}

// Dashboard is the group's home page (GET /t/{slug}). The figures come with
// the registry and programs pages; until then it greets and points onward.
func (h *Handlers) Dashboard(c *fiber.Ctx) error {
	return h.Pages.Render(c, "workspace/dashboard", nil)
}
