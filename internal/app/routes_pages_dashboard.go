package app

import (
	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/web/dashboard"
)

// dashboardPages is the group's home page with its figures; every role
// sees it, since it shows counts and medians only.
func (a *App) dashboardPages() []page {
	h := &dashboard.Handlers{Pages: a.Pages, Tenancy: a.Tenancy, Regions: a.Regions, Programs: a.Programs}
	return []page{
		{method: fiber.MethodGet, path: "", perm: access.TenantRead, nav: "nav.dashboard", handler: h.Dashboard},
	}
}
