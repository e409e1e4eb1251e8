package app

import (
	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/access"
	registrypages "github.com/peduli/peduli/internal/web/registry"
)

// registryPages is the page table of the beneficiary registry. Viewers
// hold no people:read, so every page here is a 403 page for them; erasing
// needs the same roles as the API's erase (owners and admins).
func (a *App) registryPages() []page {
	h := &registrypages.Handlers{Pages: a.Pages, Tenancy: a.Tenancy, Registry: a.Registry, Programs: a.Programs}
	return []page{
		{method: fiber.MethodGet, path: "/beneficiaries", perm: access.PeopleRead, nav: "nav.beneficiaries", handler: h.List},
		{method: fiber.MethodPost, path: "/beneficiaries/search", perm: access.PeopleRead, handler: h.Search},
		{method: fiber.MethodGet, path: "/beneficiaries/search", perm: access.PeopleRead, handler: h.SearchAgain},
		{method: fiber.MethodGet, path: "/beneficiaries/download", perm: access.PersonalRead, handler: h.ListExport},
		{method: fiber.MethodGet, path: "/beneficiaries/new", perm: access.PeopleWrite, handler: h.New},
		{method: fiber.MethodPost, path: "/beneficiaries", perm: access.PeopleWrite, handler: h.Create},
		{method: fiber.MethodGet, path: "/beneficiaries/:id", perm: access.PeopleRead, handler: h.Detail},
		{method: fiber.MethodGet, path: "/beneficiaries/:id/card", perm: access.PeopleRead, handler: h.Card},
		{method: fiber.MethodGet, path: "/beneficiaries/:id/edit", perm: access.PeopleWrite, handler: h.Edit},
		{method: fiber.MethodPost, path: "/beneficiaries/:id", perm: access.PeopleWrite, handler: h.Update},
		{method: fiber.MethodGet, path: "/beneficiaries/:id/assess", perm: access.PeopleWrite, handler: h.AssessForm},
		{method: fiber.MethodPost, path: "/beneficiaries/:id/assess", perm: access.PeopleWrite, handler: h.Assess},
		{method: fiber.MethodGet, path: "/beneficiaries/:id/export", perm: access.PersonalRead, handler: h.Export},
		{method: fiber.MethodGet, path: "/beneficiaries/:id/erase", perm: eraseRequires, handler: h.EraseConfirm},
		{method: fiber.MethodPost, path: "/beneficiaries/:id/erase", perm: eraseRequires, handler: h.Erase},
	}
}
