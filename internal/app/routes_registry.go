package app

import (
	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/registry"
)

// eraseRequires is who may erase a person's data: owners and admins.
var eraseRequires = access.PersonalErase

// registryRoutes is the workspace route table of the beneficiary registry
// and the audit log.
func (a *App) registryRoutes() []route {
	h := &registry.Handlers{Service: a.Registry, Tenancy: a.Tenancy, Access: a.Access}
	au := &audit.Handlers{ScopeOf: a.Tenancy.ScopeOf, Names: identity.NamesIn}
	return []route{
		{fiber.MethodGet, "/beneficiaries", access.PeopleRead, h.List},
		{fiber.MethodPost, "/beneficiaries", access.PeopleWrite, h.Create},
		{fiber.MethodPost, "/beneficiaries/lookup", access.PeopleRead, h.Lookup},
		{fiber.MethodGet, "/beneficiaries/:id", access.PeopleRead, h.Get},
		{fiber.MethodPatch, "/beneficiaries/:id", access.PeopleWrite, h.Update},
		{fiber.MethodDelete, "/beneficiaries/:id", access.PeopleWrite, h.Delete},
		{fiber.MethodPost, "/beneficiaries/:id/assessments", access.PeopleWrite, h.Assess},
		{fiber.MethodGet, "/beneficiaries/:id/assessments", access.PeopleRead, h.Assessments},
		{fiber.MethodGet, "/beneficiaries/:id/export", access.PersonalRead, h.Export},
		{fiber.MethodPost, "/beneficiaries/:id/erase", eraseRequires, h.Erase},
		{fiber.MethodGet, "/audit", access.AuditRead, au.List},
	}
}
