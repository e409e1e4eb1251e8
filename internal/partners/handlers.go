package partners

import (
	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/platform/httpx"
	"github.com/peduli/peduli/internal/tenancy"
)

// Handlers serves …/partners.
type Handlers struct {
	Service *Service
	Tenancy *tenancy.Service
	Access  *access.Enforcer
}

// withContact reports whether the caller may see contact persons.
func (h *Handlers) withContact(c *fiber.Ctx) bool {
	ok, _ := h.Access.Can(identity.UserOf(c).ID, tenancy.TenantOf(c).ID, access.PeopleRead)
	return ok
}

// List answers GET …/partners.
func (h *Handlers) List(c *fiber.Ctx) error {
	items, err := h.Service.Partners(c.UserContext(), h.Tenancy.ScopeOf(c), h.withContact(c))
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"items": items})
}

// Get answers GET …/partners/{id}.
func (h *Handlers) Get(c *fiber.Ctx) error {
	v, err := h.Service.Partner(c.UserContext(), h.Tenancy.ScopeOf(c), c.Params("id"), h.withContact(c))
	if err != nil {
		return err
	}
	return c.JSON(v)
}

// Create answers POST …/partners.
func (h *Handlers) Create(c *fiber.Ctx) error {
	var in Input
	if err := httpx.Decode(c, &in); err != nil {
		return err
	}
	v, err := h.Service.Create(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), in)
	if err != nil {
		return err
	}
	if !h.withContact(c) {
		v.Contact = nil
	}
	return c.Status(fiber.StatusCreated).JSON(v)
}

// Update answers PATCH …/partners/{id}.
func (h *Handlers) Update(c *fiber.Ctx) error {
	var in Input
	if err := httpx.Decode(c, &in); err != nil {
		return err
	}
	v, err := h.Service.Update(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), c.Params("id"), in, h.withContact(c))
	if err != nil {
		return err
	}
	return c.JSON(v)
}

// Delete answers DELETE …/partners/{id}.
func (h *Handlers) Delete(c *fiber.Ctx) error {
	if err := h.Service.Delete(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), c.Params("id")); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}
