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
	items, err := h.Service.Kinds(c.UserContext())
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"items": items})
}

// List answers GET …/beneficiaries/{id}/enterprises.
func (h *Handlers) List(c *fiber.Ctx) error {
	items, err := h.Service.Enterprises(c.UserContext(), h.Tenancy.ScopeOf(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"items": items})
}

// Create answers POST …/beneficiaries/{id}/enterprises.
func (h *Handlers) Create(c *fiber.Ctx) error {
	var in Input
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	v, err := h.Service.Create(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), c.Params("id"), in)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(v)
}

// Books answers GET …/enterprises/{id}/books.
func (h *Handlers) Books(c *fiber.Ctx) error {
	items, err := h.Service.Books(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"items": items})
}

// SaveBook answers PUT …/enterprises/{id}/books/{period}.
func (h *Handlers) SaveBook(c *fiber.Ctx) error {
	var in BookInput
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	v, err := h.Service.SaveBook(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), c.Params("id"), c.Params("period"), in)
	if err != nil {
		return err
	}
	return c.JSON(v)
}

// GiveCapital answers POST …/enterprises/{id}/capital.
func (h *Handlers) GiveCapital(c *fiber.Ctx) error {
	var in CapitalInput
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	v, err := h.Service.GiveCapital(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), c.Params("id"), in)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(v)
}

// Capital answers GET …/enterprises/{id}/capital.
func (h *Handlers) Capital(c *fiber.Ctx) error {
	items, err := h.Service.CapitalOf(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"items": items})
}
