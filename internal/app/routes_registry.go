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
		{method: fiber.MethodGet, path: "/beneficiaries", perm: access.PeopleRead, handler: h.List},
		{method: fiber.MethodPost, path: "/beneficiaries", perm: access.PeopleWrite, handler: h.Create},
		{method: fiber.MethodPost, path: "/beneficiaries/lookup", perm: access.PeopleRead, handler: h.Lookup},
		{method: fiber.MethodGet, path: "/beneficiaries/:id", perm: access.PeopleRead, handler: h.Get},
		{method: fiber.MethodPatch, path: "/beneficiaries/:id", perm: access.PeopleWrite, handler: h.Update},
		{method: fiber.MethodDelete, path: "/beneficiaries/:id", perm: access.PeopleWrite, handler: h.Delete},
		{method: fiber.MethodPost, path: "/beneficiaries/:id/assessments", perm: access.PeopleWrite, handler: h.Assess},
		{method: fiber.MethodGet, path: "/beneficiaries/:id/assessments", perm: access.PeopleRead, handler: h.Assessments},
		{method: fiber.MethodGet, path: "/beneficiaries/:id/export", perm: access.PersonalRead, handler: h.Export},
		{method: fiber.MethodPost, path: "/beneficiaries/:id/erase", perm: eraseRequires, handler: h.Erase},
		{method: fiber.MethodGet, path: "/audit", perm: access.AuditRead, handler: au.List},
	}
}
