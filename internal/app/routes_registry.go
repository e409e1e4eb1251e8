package app

import (
	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/registry"
)

// registryRoutes is the workspace route table of the beneficiary registry.
func (a *App) registryRoutes() []route {
	h := &registry.Handlers{Service: a.Registry, Tenancy: a.Tenancy, Access: a.Access}
	return []route{
		{fiber.MethodPost, "/beneficiaries", access.PeopleWrite, h.Create},
		{fiber.MethodGet, "/beneficiaries/:id", access.PeopleRead, h.Get},
	}
}
