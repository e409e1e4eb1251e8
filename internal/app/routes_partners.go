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
		{fiber.MethodGet, "/partners", access.PartnersRead, h.List},
		{fiber.MethodPost, "/partners", access.PartnersWrite, h.Create},
		{fiber.MethodGet, "/partners/:id", access.PartnersRead, h.Get},
		{fiber.MethodPatch, "/partners/:id", access.PartnersWrite, h.Update},
		{fiber.MethodDelete, "/partners/:id", access.PartnersWrite, h.Delete},
	}
}
