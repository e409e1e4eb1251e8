package registry

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/platform/httpx"
	"github.com/peduli/peduli/internal/tenancy"
)

// Handlers serves …/beneficiaries: thin wrappers around Service.
type Handlers struct {
	Service *Service
	Tenancy *tenancy.Service
	Access  *access.Enforcer
}

// mayReadPersonal asks casbin whether the caller may see personal fields.
func (h *Handlers) mayReadPersonal(c *fiber.Ctx) (bool, error) {
	return h.Access.Can(identity.UserOf(c).ID, tenancy.TenantOf(c).ID, access.PersonalRead)
}

// Create registers a beneficiary (POST …/beneficiaries).
func (h *Handlers) Create(c *fiber.Ctx) error {
	var in Input
	if err := httpx.Decode(c, &in); err != nil {
		return err
	}
	v, err := h.Service.Create(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), in)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(v)
}

// Get shows one beneficiary (GET …/beneficiaries/{id}); in full, audited,
// for a role that may read personal data.
func (h *Handlers) Get(c *fiber.Ctx) error {
	personal, err := h.mayReadPersonal(c)
	if err != nil {
		return err
	}
	v, err := h.Service.Get(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), c.Params("id"), personal)
	if err != nil {
		return err
	}
	return c.JSON(v)
}

// List lists beneficiaries (GET …/beneficiaries?q=&limit=&cursor=).
func (h *Handlers) List(c *fiber.Ctx) error {
	q := ListQuery{Q: c.Query("q"), Cursor: c.Query("cursor"), PRSE: c.Query("prse"), Program: c.Query("program"),
		Consent: c.Query("consent")}
	if s := c.Query("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			return errs.Invalid("limit", "range", "must be between 1 and 100")
		}
		q.Limit = n
	}
	page, err := h.Service.List(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), q)
	if err != nil {
		return err
	}
	return c.JSON(page)
}

// Update changes a beneficiary (PATCH …/beneficiaries/{id}).
func (h *Handlers) Update(c *fiber.Ctx) error {
	var in Input
	if err := httpx.Decode(c, &in); err != nil {
		return err
	}
	v, err := h.Service.Update(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), c.Params("id"), in)
	if err != nil {
		return err
	}
	return c.JSON(v)
}

// Delete soft-deletes a beneficiary (DELETE …/beneficiaries/{id}).
func (h *Handlers) Delete(c *fiber.Ctx) error {
	if err := h.Service.Delete(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), c.Params("id")); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}
