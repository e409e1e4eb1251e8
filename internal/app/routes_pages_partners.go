package app

import (
	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/access"
	partnerpages "github.com/peduli/peduli/internal/web/partners"
)

// partnersPages is the page table of a group's partners; contact persons
// are shown only to roles that read people.
func (a *App) partnersPages() []page {
	h := &partnerpages.Handlers{Pages: a.Pages, Tenancy: a.Tenancy, Partners: a.Partners}
	return []page{
		{method: fiber.MethodGet, path: "/partners", perm: access.PartnersRead, nav: "nav.partners", handler: h.List},
		{method: fiber.MethodGet, path: "/partners/new", perm: access.PartnersWrite, handler: h.New},
		{method: fiber.MethodPost, path: "/partners", perm: access.PartnersWrite, handler: h.Create},
		{method: fiber.MethodGet, path: "/partners/:id/edit", perm: access.PartnersWrite, handler: h.Edit},
		{method: fiber.MethodPost, path: "/partners/:id", perm: access.PartnersWrite, handler: h.Update},
		{method: fiber.MethodPost, path: "/partners/:id/delete", perm: access.PartnersWrite, handler: h.Delete},
	}
}
