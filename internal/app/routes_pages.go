package app

import (
	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/compress"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/platform/httpx"
	"github.com/peduli/peduli/internal/web"
	"github.com/peduli/peduli/internal/web/account"
	"github.com/peduli/peduli/internal/web/public"
	"github.com/peduli/peduli/internal/web/team"
	"github.com/peduli/peduli/internal/web/workspace"
)

// page is one line of a page route table. A workspace page names the
// permission its viewer's role must grant; nav, when set, is the message
// key of its entry in the workspace menu (GET pages only), in table order.
type page struct {
	method  string
	path    string
	perm    access.Perm
	nav     string
	handler fiber.Handler
}

// mountPages mounts the server-rendered pages: static files, then the
// public, signed-in and workspace tables. Every page gets compressed
// responses, no-store caching, friendly error pages and CSRF checks on
// state-changing requests.
func (a *App) mountPages() {
	p := a.Pages
	gz := compress.New(compress.Config{Level: compress.LevelBestSpeed})
	a.HTTP.Get("/static/:file", gz, p.Assets.Serve)
	a.HTTP.Get("/favicon.ico", gz, p.Assets.Favicon)
	// A group's photo is cached for good (its name changes with it), so it
	// skips the pages' no-store.
	pub := &public.Handlers{Pages: a.Pages, Tenancy: a.Tenancy}
	a.HTTP.Get("/g/:slug/photo/:name", p.Errors, pub.GroupPhoto)

	resets := a.resets
	for _, r := range append(a.publicPages(resets), a.fundsPublicPages()...) {
		a.HTTP.Add(r.method, r.path, gz, httpx.NoStore, p.Errors, p.CSRF, r.handler)
	}
	for _, r := range a.signedInPages() {
		a.HTTP.Add(r.method, r.path, gz, httpx.NoStore, p.Errors, p.RequireLogin, p.CSRF, r.handler)
	}
	for _, r := range a.adminPages() {
		a.HTTP.Add(r.method, r.path, gz, httpx.NoStore, p.Errors, p.RequireLogin, p.CSRF, identity.RequirePlatformAdmin(a.Access), r.handler)
	}

	// Workspace pages under /t/{slug}: the tenant resolves as in the API
	// (another group → 404 page, lesser role → 403 page). The menu follows
	// this order: add a feature's table between the dashboard and the team.
	tables := [][]page{
		a.dashboardPages(),
		// feature pages: a.registryPages(), a.programsPages(), … (one line each)
		a.registryPages(),
		a.programsPages(),
		a.partnersPages(),
		a.fundsPages(),
		a.groupFundPages(),
		a.teamPages(resets),
	}
	group := a.HTTP.Group("/t/:slug", gz, httpx.NoStore, p.Errors, p.RequireLogin, p.CSRF, a.Tenancy.Resolve)
	var nav []web.NavItem
	for _, table := range tables {
		for _, r := range table {
			group.Add(r.method, r.path, a.Tenancy.Require(r.perm), r.handler)
			if r.nav != "" && r.method == fiber.MethodGet {
				nav = append(nav, web.NavItem{Label: r.nav, Path: r.path, Perm: r.perm})
			}
		}
	}
	p.SetNav(nav)
}

// publicPages need no login.
func (a *App) publicPages(resets *identity.Resets) []page {
	acc := &account.Handlers{Pages: a.Pages, Identity: a.Identity, Auth: a.auth, Tenancy: a.Tenancy, DB: a.DB, Resets: resets}
	pub := &public.Handlers{Pages: a.Pages, Tenancy: a.Tenancy}
	return []page{
		{method: fiber.MethodGet, path: "/", handler: pub.Landing},
		{method: fiber.MethodGet, path: "/email/verify/:token", handler: acc.Verify},
		{method: fiber.MethodPost, path: "/email/verify/:token", handler: acc.VerifySubmit},
		{method: fiber.MethodGet, path: "/signup", handler: acc.Signup},
		{method: fiber.MethodGet, path: "/signup/places", handler: acc.SignupPlaces},
		{method: fiber.MethodPost, path: "/signup", handler: a.limited(acc.SignupSubmit, a.signupLimits()...)},
		{method: fiber.MethodGet, path: "/login", handler: acc.Login},
		{method: fiber.MethodPost, path: "/login", handler: acc.LoginSubmit},
		{method: fiber.MethodPost, path: "/logout", handler: acc.Logout},
		{method: fiber.MethodPost, path: "/lang", handler: acc.SetLang},
		{method: fiber.MethodGet, path: "/password/forgot", handler: acc.Forgot},
		{method: fiber.MethodPost, path: "/password/forgot", handler: a.limited(acc.ForgotSubmit, a.resetRequestLimits()...)},
		{method: fiber.MethodGet, path: "/password/reset/:token", handler: a.limited(acc.Reset, a.resetLinkLimits()...)},
		{method: fiber.MethodPost, path: "/password/reset/:token", handler: a.limited(acc.ResetSubmit, a.resetLinkLimits()...)},
		{method: fiber.MethodGet, path: "/invitations/:token", handler: a.limited(acc.Invitation, a.invitationLimits()...)},
		{method: fiber.MethodPost, path: "/invitations/:token", handler: a.limited(acc.InvitationSubmit, a.invitationLimits()...)},
	}
}

// signedInPages need a login but belong to no group (coordinators' and
// platform pages add their lines here; they check their own roles).
func (a *App) signedInPages() []page {
	var pages []page
	pages = append(pages, a.regionPages()...)
	acc := &account.Handlers{Pages: a.Pages, Identity: a.Identity, Auth: a.auth, Tenancy: a.Tenancy, DB: a.DB}
	pages = append(pages, page{method: fiber.MethodGet, path: "/email/verify", handler: acc.VerifyStatus},
		page{method: fiber.MethodPost, path: "/email/verify", handler: acc.VerifyResend})
	return pages
}

func (a *App) teamPages(resets *identity.Resets) []page {
	ws := &workspace.Handlers{Pages: a.Pages, Tenancy: a.Tenancy, Regions: a.Regions}
	tm := &team.Handlers{Pages: a.Pages, Tenancy: a.Tenancy, Resets: resets}
	return []page{
		{method: fiber.MethodGet, path: "/team", perm: access.TeamRead, nav: "nav.team", handler: tm.Team},
		{method: fiber.MethodPost, path: "/team", perm: access.TeamWrite, handler: tm.Invite},
		{method: fiber.MethodPost, path: "/team/:user_id/role", perm: access.TeamWrite, handler: tm.ChangeRole},
		{method: fiber.MethodPost, path: "/team/:user_id/remove", perm: access.TeamWrite, handler: tm.Remove},
		{method: fiber.MethodPost, path: "/team/:user_id/reset", perm: access.TeamWrite, handler: tm.ResetLink},
		{method: fiber.MethodPost, path: "/team/invitations/:id/revoke", perm: access.TeamWrite, handler: tm.Revoke},
		{method: fiber.MethodGet, path: "/audit", perm: access.AuditRead, nav: "nav.audit", handler: ws.Audit},
		{method: fiber.MethodGet, path: "/settings", perm: access.TenantRead, nav: "nav.settings", handler: ws.Settings},
		{method: fiber.MethodPost, path: "/settings/profile", perm: access.TenantWrite, handler: ws.SaveProfile},
		{method: fiber.MethodPost, path: "/settings/photo", perm: access.TenantWrite, handler: ws.SavePhoto},
		{method: fiber.MethodPost, path: "/settings/review", perm: access.TenantWrite, handler: ws.RequestReview},
	}
}
