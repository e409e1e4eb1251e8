// Package groupfund serves the group fund's pages under /t/{slug}:
// the meeting sheet a treasurer fills on a phone during the group's
// meeting, the receipts of a recorded meeting and a member's passbook.
package groupfund

import (
	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/groupfund"
	"github.com/peduli/peduli/internal/programs"
	"github.com/peduli/peduli/internal/registry"
	"github.com/peduli/peduli/internal/tenancy"
	"github.com/peduli/peduli/internal/web"
)

// Handlers serves the group fund pages.
type Handlers struct {
	Pages    *web.Pages
	Tenancy  *tenancy.Service
	Programs *programs.Service
	Registry *registry.Service
	Fund     *groupfund.Service
}

// path returns a path inside the current group's workspace.
func path(c *fiber.Ctx, rest string) string { return "/t/" + tenancy.TenantOf(c).Slug + rest }
