package app

import (
	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/compress"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/platform/httpx"
	"github.com/peduli/peduli/internal/web"
	"github.com/peduli/peduli/internal/web/account"
	"github.com/peduli/peduli/internal/web/public"
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

// mountPages mounts the server-rendered pages: static files, then public,
// signed-in and workspace tables. Every page gets compressed responses,
// friendly error pages and CSRF checks on state-changing requests.
func (a *App) mountPages() {
	p := a.Pages
	gz := compress.New(compress.Config{Level: compress.LevelBestSpeed})
	a.HTTP.Get("/static/:file", gz, p.Assets.Serve)

	acc := &account.Handlers{Pages: p, Identity: a.Identity, Auth: a.auth, Tenancy: a.Tenancy, DB: a.DB}
	pub := &public.Handlers{Pages: p, Tenancy: a.Tenancy}
	ws := &workspace.Handlers{Pages: p, Tenancy: a.Tenancy}

	publicPages := []page{
		{method: fiber.MethodGet, path: "/", handler: pub.Landing},
		{method: fiber.MethodGet, path: "/login", handler: acc.Login},
		{method: fiber.MethodPost, path: "/login", handler: acc.LoginSubmit},
		{method: fiber.MethodPost, path: "/logout", handler: acc.Logout},
		{method: fiber.MethodPost, path: "/lang", handler: acc.SetLang},
	}
	for _, r := range publicPages {
		a.HTTP.Add(r.method, r.path, gz, httpx.NoStore, p.Errors, p.CSRF, r.handler)
	}

	// Workspace pages: /t/{slug}/…; feature engineers append their tables
	// (see web/README.md).
	workspacePages := [][]page{
		{
			{method: fiber.MethodGet, path: "", perm: access.TenantRead, nav: "nav.dashboard", handler: ws.Dashboard},
		},
	}
	group := a.HTTP.Group("/t/:slug", gz, httpx.NoStore, p.Errors, p.RequireLogin, p.CSRF, a.Tenancy.Resolve)
	var nav []web.NavItem
	for _, table := range workspacePages {
		for _, r := range table {
			group.Add(r.method, r.path, a.Tenancy.Require(r.perm), r.handler)
			if r.nav != "" && r.method == fiber.MethodGet {
				nav = append(nav, web.NavItem{Label: r.nav, Path: r.path, Perm: r.perm})
			}
		}
	}
	p.SetNav(nav)
}
