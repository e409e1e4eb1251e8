package registry

import (
	"net/http"

	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/tenancy"
	"github.com/peduli/peduli/internal/web"
)

// New shows the register form (GET /t/{slug}/beneficiaries/new): her
// details, then the consent step.
func (h *Handlers) New(c *fiber.Ctx) error {
	return h.Pages.RenderForm(c, http.StatusOK, "registry/form", web.NewForm("consent_services", "on"), newFormData(""))
}

// Create registers her and her consent, recorded as given to the signed-in
// team member (POST /t/{slug}/beneficiaries).
func (h *Handlers) Create(c *fiber.Ctx) error {
	f, in := parseBeneficiary(c, true)
	var id string
	saved, err := f.Submit(func() error {
		v, err := h.Registry.Create(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), in)
		id = v.ID
		return err
	}, func() error { return h.Registry.Check(in, true) }, map[string]string{"nik_taken": "nik"})
	if err != nil {
		return err
	}
	if saved {
		return h.Pages.Redirect(c, path(c, "/beneficiaries/"+id), "registry.created")
	}
	localRules(f)
	return h.Pages.RenderForm(c, http.StatusUnprocessableEntity, "registry/form", f, newFormData(""))
}
