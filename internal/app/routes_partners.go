package app

import (
	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/partners"
)

// partnerRoutes is the workspace route table of a group's partners. Contact
// persons are shown only to roles that read people.
func (a *App) partnerRoutes() []route {
	h := &partners.Handlers{Service: a.Partners, Tenancy: a.Tenancy, Access: a.Access}
	return []route{
		{method: fiber.MethodGet, path: "/partners", perm: access.PartnersRead, handler: h.List},
		{method: fiber.MethodPost, path: "/partners", perm: access.PartnersWrite, handler: h.Create},
		{method: fiber.MethodGet, path: "/partners/:id", perm: access.PartnersRead, handler: h.Get},
		{method: fiber.MethodPatch, path: "/partners/:id", perm: access.PartnersWrite, handler: h.Update},
		{method: fiber.MethodDelete, path: "/partners/:id", perm: access.PartnersWrite, handler: h.Delete},
	}
}
