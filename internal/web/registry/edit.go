package registry

import (
	"net/http"

	"github.com/gofiber/fiber/v2"

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
	saved, err := f.Submit(func() error {
		_, err := h.Registry.Update(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), id, in)
		return err
	}, func() error { return h.Registry.Check(in, false) }, map[string]string{"nik_taken": "nik"})
	if err != nil {
		return err
	}
	if saved {
		return h.Pages.Redirect(c, path(c, "/beneficiaries/"+id), "registry.updated")
	}
	localRules(f)
	return h.Pages.RenderForm(c, http.StatusUnprocessableEntity, "registry/form", f, newFormData(id))
}
