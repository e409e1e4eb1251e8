package enterprises

import (
	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/platform/httpx"
	"github.com/peduli/peduli/internal/tenancy"
)

// Handlers serves members' enterprises and their books.
type Handlers struct {
	Service *Service
	Tenancy *tenancy.Service
}

// Kinds answers GET /api/v1/enterprise-kinds.
func (h *Handlers) Kinds(c *fiber.Ctx) error {
	return httpx.Items(c, func() (any, error) {
		return h.Service.Kinds(c.UserContext())
	})
}

// List answers GET …/beneficiaries/{id}/enterprises.
func (h *Handlers) List(c *fiber.Ctx) error {
	return httpx.Items(c, func() (any, error) {
		return h.Service.Enterprises(c.UserContext(), h.Tenancy.ScopeOf(c), c.Params("id"))
	})
}

// Create answers POST …/beneficiaries/{id}/enterprises.
func (h *Handlers) Create(c *fiber.Ctx) error {
	return httpx.Created(c, func(in Input) (any, error) {
		return h.Service.Create(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), c.Params("id"), in)
	})
}

// Books answers GET …/enterprises/{id}/books.
func (h *Handlers) Books(c *fiber.Ctx) error {
	return httpx.Items(c, func() (any, error) {
		return h.Service.Books(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), c.Params("id"))
	})
}

// SaveBook answers PUT …/enterprises/{id}/books/{period}.
func (h *Handlers) SaveBook(c *fiber.Ctx) error {
	return httpx.Saved(c, func(in BookInput) (any, error) {
		return h.Service.SaveBook(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), c.Params("id"), c.Params("period"), in)
	})
}

// GiveCapital answers POST …/enterprises/{id}/capital.
func (h *Handlers) GiveCapital(c *fiber.Ctx) error {
	return httpx.Created(c, func(in CapitalInput) (any, error) {
		return h.Service.GiveCapital(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), c.Params("id"), in)
	})
}

// Capital answers GET …/enterprises/{id}/capital.
func (h *Handlers) Capital(c *fiber.Ctx) error {
	return httpx.Items(c, func() (any, error) {
		return h.Service.CapitalOf(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), c.Params("id"))
	})
}
