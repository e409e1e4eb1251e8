package registry

import (
	"net/http"

	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/platform/httpx"
	"github.com/peduli/peduli/internal/registry"
	"github.com/peduli/peduli/internal/tenancy"
)

// Edit shows her record in the form (GET /t/{slug}/beneficiaries/{id}/edit);
// opening it is an audited read of her personal fields.
func (h *Handlers) Edit(c *fiber.Ctx) error {
	v, err := h.Registry.Get(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), c.Params("id"), true)
	if err != nil {
		return err
	}
	if v.PersonalData != registry.PersonalFull {
		return h.Pages.Redirect(c, path(c, "/beneficiaries/"+v.ID), "registry.not_editable")
	}
	return h.Pages.RenderForm(c, http.StatusOK, "registry/form", formOf(v), newFormData(v.ID))
}

// Update saves the edited record (POST /t/{slug}/beneficiaries/{id}); a
// change of the consent boxes is recorded as given to the signed-in user.
func (h *Handlers) Update(c *fiber.Ctx) error {
	id := c.Params("id")
	f, in := parseBeneficiary(c, false)
	if err := httpx.Validate(in); err != nil && !f.Fail(err, nil) {
		return err
	}
	if f.Get("nik") == "" {
		f.Invalid("nik", "required")
	}
	if f.Get("name") == "" {
		f.Invalid("name", "required")
	}
	if f.OK() {
		_, err := h.Registry.Update(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), id, in)
		if err == nil {
			return h.Pages.Redirect(c, path(c, "/beneficiaries/"+id), "registry.updated")
		}
		if !f.Fail(err, map[string]string{"nik_taken": "nik"}) {
			return err
		}
	}
	localRules(f)
	return h.Pages.RenderForm(c, http.StatusUnprocessableEntity, "registry/form", f, newFormData(id))
}
