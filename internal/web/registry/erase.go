package registry

import (
	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/tenancy"
)

// Export downloads everything the group holds about her as JSON, for her
// data-subject access request (GET /t/{slug}/beneficiaries/{id}/export).
func (h *Handlers) Export(c *fiber.Ctx) error {
	x, err := h.Registry.Export(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), c.Params("id"))
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="beneficiary-`+x.Beneficiary.ID+`.json"`)
	return c.JSON(x)
}

// EraseConfirm asks the owner or admin to confirm the erasure
// (GET /t/{slug}/beneficiaries/{id}/erase).
func (h *Handlers) EraseConfirm(c *fiber.Ctx) error {
	v, err := h.Registry.Get(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), c.Params("id"), false)
	if err != nil {
		return err
	}
	return h.Pages.Render(c, "registry/erase", v)
}

// Erase destroys her personal data at her request; counts stay
// (POST /t/{slug}/beneficiaries/{id}/erase).
func (h *Handlers) Erase(c *fiber.Ctx) error {
	id := c.Params("id")
	if _, err := h.Registry.Erase(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), id); err != nil {
		return err
	}
	return h.Pages.Redirect(c, path(c, "/beneficiaries/"+id), "registry.erased")
}
