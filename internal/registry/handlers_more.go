package registry

import (
	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/platform/httpx"
	"github.com/peduli/peduli/internal/tenancy"
)

// Assess records an assessment (POST …/beneficiaries/{id}/assessments).
func (h *Handlers) Assess(c *fiber.Ctx) error {
	var in AssessInput
	if err := httpx.Decode(c, &in); err != nil {
		return err
	}
	v, err := h.Service.Assess(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c),
		tenancy.TenantOf(c).RegionCode, c.Params("id"), in)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(v)
}

// Assessments lists her assessments (GET …/beneficiaries/{id}/assessments).
func (h *Handlers) Assessments(c *fiber.Ctx) error {
	personal, err := h.mayReadPersonal(c)
	if err != nil {
		return err
	}
	items, err := h.Service.Assessments(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), c.Params("id"), personal)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"items": items})
}

// Export answers her data-subject access request (GET …/beneficiaries/{id}/export).
func (h *Handlers) Export(c *fiber.Ctx) error {
	x, err := h.Service.Export(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), c.Params("id"))
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="beneficiary-`+x.Beneficiary.ID+`.json"`)
	return c.JSON(x)
}

// Erase destroys her personal data (POST …/beneficiaries/{id}/erase).
func (h *Handlers) Erase(c *fiber.Ctx) error {
	v, err := h.Service.Erase(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(v)
}

// Lookup finds beneficiaries by NIK or KK number (POST …/beneficiaries/lookup).
func (h *Handlers) Lookup(c *fiber.Ctx) error {
	var in LookupInput
	if err := httpx.Decode(c, &in); err != nil {
		return err
	}
	items, err := h.Service.Lookup(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), in)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"items": items})
}
