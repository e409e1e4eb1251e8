package registry

import (
	"net/http"

	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/platform/clock"
	"github.com/peduli/peduli/internal/registry"
	"github.com/peduli/peduli/internal/tenancy"
	"github.com/peduli/peduli/internal/web"
)

// assessFields are the guided PRSE form's inputs, named as AssessInput's.
var assessFields = []string{"assessed_on", "birth_date", "female", "marital_status", "monthly_income",
	"household_head", "dependents", "disability", "education"}

// assessData is the guided form: her name and the choices of the selects.
type assessData struct {
	B              registry.View
	MaritalStatues []string
	Education      []string
}

// AssessForm shows the PRSE assessment as a short guided form, pre-filled
// from her record (GET /t/{slug}/beneficiaries/{id}/assess).
func (h *Handlers) AssessForm(c *fiber.Ctx) error {
	v, err := h.Registry.Get(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), c.Params("id"), true)
	if err != nil {
		return err
	}
	f := formOf(v)
	f.Set("female", "on")
	f.Set("assessed_on", string(clock.Today(h.Registry.Now(), clock.Zone)))
	return h.Pages.RenderForm(c, http.StatusOK, "registry/assess", f, h.assessData(v))
}

func (h *Handlers) assessData(v registry.View) assessData {
	return assessData{B: v, MaritalStatues: registry.MaritalStatuses, Education: registry.EducationLevels}
}

// Assess records the assessment; eligibility is computed by the service
// from the facts, never typed in (POST /t/{slug}/beneficiaries/{id}/assess).
func (h *Handlers) Assess(c *fiber.Ctx) error {
	ctx, scope, actor, id := c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), c.Params("id")
	f := web.ParseForm(c, assessFields...)
	in := parseAssess(f)
	saved, err := f.Submit(func() error {
		_, err := h.Registry.Assess(ctx, scope, actor, tenancy.TenantOf(c).RegionCode, id, in)
		return err
	}, func() error { return h.Registry.CheckAssess(in) }, nil)
	if err != nil {
		return err
	}
	if saved {
		return h.Pages.Redirect(c, path(c, "/beneficiaries/"+id+"#assessments"), "registry.assessed")
	}
	localRules(f)
	v, err := h.Registry.Get(ctx, scope, actor, id, false)
	if err != nil {
		return err
	}
	return h.Pages.RenderForm(c, http.StatusUnprocessableEntity, "registry/assess", f, h.assessData(v))
}

// parseAssess turns the guided form into facts; every answer is sent, so
// the assessment records exactly what the assessor saw on the screen.
func parseAssess(f *web.Form) registry.AssessInput {
	str := func(name string) *string {
		if v := f.Get(name); v != "" {
			return &v
		}
		return nil
	}
	yes := func(name string) *bool { b := f.Get(name) != ""; return &b }
	in := registry.AssessInput{AssessedOn: str("assessed_on"), BirthDate: str("birth_date"), Female: yes("female"),
		MaritalStatus: str("marital_status"), HouseholdHead: yes("household_head"), Education: str("education")}
	in.Dependents, in.MonthlyIncome, in.Disability = householdFacts(f)
	return in
}
