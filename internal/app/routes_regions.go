package app

import (
	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/regions"
)

// mountRegions mounts the coordinator and platform-admin routes. It runs
// before the workspace group is mounted: the verification routes serve
// coordinators who are not on a group's team (the workspace would answer
// them 404), and CoordinatorGate turns the workspace's 404 into 403 for a
// coordinator who oversees the group.
func (a *App) mountRegions(api fiber.Router) {
	h := &regions.Handlers{Service: a.Regions}
	api.Use("/t/:slug", a.Regions.CoordinatorGate)

	// Coordinators of the group's region, who are not on its team; the
	// handler answers 403 to the team and 404 to everyone else.
	api.Post("/t/:slug/verification", identity.RequireUser, h.Decide)

	// Coordinators of the region or a region above it, and platform admins.
	oversight := []route{
		{method: fiber.MethodGet, path: "/regions/:code/groups", handler: h.Groups},
		{method: fiber.MethodGet, path: "/regions/:code/report", handler: h.Report},
		{method: fiber.MethodGet, path: "/regions/:code/reports/:id", handler: h.ReportResult},
	}
	for _, r := range oversight {
		api.Add(r.method, r.path, identity.RequireUser, a.Regions.RequireRegion, r.handler)
	}

}

// regionWorkspaceRoutes are the group's own report routes, in its workspace.
func (a *App) regionWorkspaceRoutes() []route {
	h := &regions.Handlers{Service: a.Regions}
	return []route{
		{method: fiber.MethodGet, path: "/verification", perm: access.TenantRead, handler: h.Verification},
		{method: fiber.MethodPost, path: "/verification/review", perm: access.TenantWrite, handler: h.RequestReview},
		{method: fiber.MethodGet, path: "/reports/summary", perm: access.ReportsRead, handler: h.Summary},
	}
}
