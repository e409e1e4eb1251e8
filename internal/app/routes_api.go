package app

import (
	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/funds"
	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/platform/httpx"
	"github.com/peduli/peduli/internal/regions"
	"github.com/peduli/peduli/internal/tenancy"
)

// route is one line of a route table. A tenant route names the permission
// its caller's role must grant.
type route struct {
	method  string
	path    string
	perm    access.Perm
	handler fiber.Handler
}

// mountAPI mounts the JSON API under /api/v1 from three tables: public,
// signed-in, and a tenant's workspace.
func (a *App) mountAPI() {
	t := &tenancy.Handlers{Service: a.Tenancy, Auth: a.auth}

	a.HTTP.Get("/healthz", func(c *fiber.Ctx) error { return c.JSON(fiber.Map{"status": "ok"}) })
	a.HTTP.Get("/readyz", a.readyz)

	api := a.HTTP.Group("/api/v1", httpx.NoStore)
	public := []route{
		{method: fiber.MethodPost, path: "/signup", handler: a.limited(t.Signup, a.signupLimits()...)},
		{method: fiber.MethodPost, path: "/auth/login", handler: a.auth.Login},
		{method: fiber.MethodPost, path: "/invitations/:token/accept", handler: a.limited(t.Accept, a.invitationLimits()...)},
		{method: fiber.MethodGet, path: "/regions", handler: t.Regions},
	}
	for _, r := range public {
		api.Add(r.method, r.path, r.handler)
	}

	signedIn := []route{
		{method: fiber.MethodPost, path: "/auth/logout", handler: a.auth.Logout},
		{method: fiber.MethodGet, path: "/me", handler: t.Me},
	}
	signedIn = append(signedIn, a.programCatalogRoutes()...)
	signedIn = append(signedIn, a.securityRoutes()...)
	signedIn = append(signedIn, a.enterpriseCatalogRoutes()...)
	for _, r := range signedIn {
		api.Add(r.method, r.path, identity.RequireUser, r.handler)
	}

	for _, r := range a.adminRoutes() {
		api.Add(r.method, r.path, identity.RequireUser, identity.RequirePlatformAdmin(a.Access), r.handler)
	}

	a.mountRegions(api) // before the workspace group: see mountRegions
	a.mountFunds(api)

	workspace := []route{
		{method: fiber.MethodGet, path: "", perm: access.TenantRead, handler: t.Tenant},
		{method: fiber.MethodPut, path: "/profile", perm: access.TenantWrite, handler: t.UpdateProfile},
		{method: fiber.MethodGet, path: "/team", perm: access.TeamRead, handler: t.Team},
		{method: fiber.MethodPost, path: "/team", perm: access.TeamWrite, handler: t.Invite},
		{method: fiber.MethodPatch, path: "/team/:user_id", perm: access.TeamWrite, handler: t.ChangeRole},
		{method: fiber.MethodDelete, path: "/team/:user_id", perm: access.TeamWrite, handler: t.RemoveMember},
		{method: fiber.MethodGet, path: "/invitations", perm: access.TeamWrite, handler: t.Invitations},
		{method: fiber.MethodDelete, path: "/invitations/:id", perm: access.TeamWrite, handler: t.RevokeInvitation},
	}
	workspace = append(workspace, a.registryRoutes()...)
	workspace = append(workspace, a.programRoutes()...)
	workspace = append(workspace, a.partnerRoutes()...)
	workspace = append(workspace, a.groupFundRoutes()...)
	workspace = append(workspace, a.fundsRoutes()...)
	workspace = append(workspace, a.regionWorkspaceRoutes()...)
	ws := api.Group("/t/:slug", identity.RequireUser, a.Tenancy.Resolve)
	for _, r := range workspace {
		ws.Add(r.method, r.path, a.Tenancy.Require(r.perm), r.handler)
	}

	api.Use(func(c *fiber.Ctx) error { return fiber.ErrNotFound })
}

// adminRoutes is the table of the platform admins' routes, all behind the
// one gate identity.RequirePlatformAdmin.
func (a *App) adminRoutes() []route {
	hosts := &funds.Handlers{Service: a.Funds}
	rg := &regions.Handlers{Service: a.Regions}
	return []route{
		{method: fiber.MethodPost, path: "/admin/users/:id/disable", handler: a.auth.Disable},
		{method: fiber.MethodPost, path: "/admin/program-templates", handler: a.programHandlers().AddTemplate},
		{method: fiber.MethodGet, path: "/admin/hosts", handler: hosts.Hosts},
		{method: fiber.MethodPost, path: "/admin/hosts", handler: hosts.RegisterHost},
		{method: fiber.MethodPost, path: "/admin/hosts/:key/groups", handler: hosts.AttachGroup},
		{method: fiber.MethodPost, path: "/admin/regions/:code/coordinators", handler: rg.AddCoordinator},
		{method: fiber.MethodGet, path: "/admin/regions/:code/coordinators", handler: rg.Coordinators},
		{method: fiber.MethodDelete, path: "/admin/regions/:code/coordinators/:user_id", handler: rg.RemoveCoordinator},
		{method: fiber.MethodPatch, path: "/admin/tenants/:slug", handler: rg.ChangeTenant},
	}
}

func (a *App) readyz(c *fiber.Ctx) error {
	if a.Draining() {
		return c.Status(fiber.StatusServiceUnavailable).JSON(fiber.Map{"status": "draining"})
	}
	if err := a.Ready(c.UserContext()); err != nil {
		a.Log.Warn("not ready", "error", err)
		return c.Status(fiber.StatusServiceUnavailable).JSON(fiber.Map{"status": "unavailable"})
	}
	return c.JSON(fiber.Map{"status": "ok"})
}
