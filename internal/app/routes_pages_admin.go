package app

import (
	"github.com/gofiber/fiber/v2"

	adminpages "github.com/peduli/peduli/internal/web/admin"
)

// adminPages are the platform admin's pages; mountPages puts
// identity.RequirePlatformAdmin in front of each (the 403 page for
// anyone else signed in).
func (a *App) adminPages() []page {
	h := &adminpages.Handlers{Pages: a.Pages, Tenancy: a.Tenancy, Regions: a.Regions, Funds: a.Funds}
	return []page{
		{method: fiber.MethodGet, path: "/admin", handler: h.Groups},
		{method: fiber.MethodGet, path: "/admin/groups/:slug", handler: h.Group},
		{method: fiber.MethodPost, path: "/admin/groups/:slug/host", handler: h.AttachHost},
		{method: fiber.MethodPost, path: "/admin/groups/:slug/region", handler: h.Move},
		{method: fiber.MethodGet, path: "/admin/hosts", handler: h.Hosts},
		{method: fiber.MethodPost, path: "/admin/hosts", handler: h.RegisterHost},
		{method: fiber.MethodGet, path: "/admin/coordinators", handler: h.Coordinators},
		{method: fiber.MethodPost, path: "/admin/coordinators", handler: h.AddCoordinator},
		{method: fiber.MethodPost, path: "/admin/coordinators/:code/:user_id/remove", handler: h.RemoveCoordinator},
	}
}
