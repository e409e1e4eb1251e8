// Package registry serves a group's beneficiary pages under
// /t/{slug}/beneficiaries: the list with search and paging, the register
// and edit forms with the consent step, the detail page with progress and
// assessments, the guided PRSE assessment, export and erasure.
package registry

import (
	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/programs"
	"github.com/peduli/peduli/internal/registry"
	"github.com/peduli/peduli/internal/tenancy"
	"github.com/peduli/peduli/internal/web"
)

// Handlers serves the beneficiary pages; they stay thin and call the
// registry (and, for progress, the programs) service.
type Handlers struct {
	Pages    *web.Pages
	Tenancy  *tenancy.Service
	Registry *registry.Service
	Programs *programs.Service
}

// path returns a path inside the current group's workspace.
func path(c *fiber.Ctx, rest string) string { return "/t/" + tenancy.TenantOf(c).Slug + rest }

// mayReadPersonal says whether the viewer's role reads personal fields;
// the service audits every such read.
func mayReadPersonal(c *fiber.Ctx) bool { return tenancy.Can(c, access.PersonalRead) }
