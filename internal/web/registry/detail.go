package registry

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/programs"
	"github.com/peduli/peduli/internal/registry"
	"github.com/peduli/peduli/internal/tenancy"
)

// detailData is her page: the record (full or masked), her progress in
// programs and her assessments, newest first.
type detailData struct {
	B           registry.View
	Personal    bool
	Progress    *programs.ProgressView
	Assessments []assessmentRow
	// Wage names the minimum wage her household's income is compared
	// with: the regency's UMK where it sets one, else the province's UMP.
	Wage string
}

// assessmentRow is an assessment with her age read out for the page.
type assessmentRow struct {
	registry.AssessmentView
	Years int // her age on the day, 0 when unknown
}

// Detail shows one beneficiary (GET /t/{slug}/beneficiaries/{id}). Roles
// that read personal data see every field, her income progress and the
// facts of her assessments — reads the services write to the audit log;
// others see the masked record.
func (h *Handlers) Detail(c *fiber.Ctx) error {
	ctx, scope, actor, id := c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), c.Params("id")
	personal := mayReadPersonal(c)
	v, err := h.Registry.Get(ctx, scope, actor, id, personal)
	if err != nil {
		return err
	}
	d := detailData{B: v, Personal: personal && v.PersonalData == registry.PersonalFull}
	if d.Personal {
		if d.Progress, err = h.Programs.Progress(ctx, scope, actor, id); err != nil {
			return err
		}
	}
	as, err := h.Registry.Assessments(ctx, scope, actor, id, d.Personal)
	if err != nil {
		return err
	}
	for i := len(as) - 1; i >= 0; i-- {
		r := assessmentRow{AssessmentView: as[i]}
		if as[i].Age != nil {
			r.Years = *as[i].Age
		}
		d.Assessments = append(d.Assessments, r)
	}
	year := h.Registry.Now().Year()
	if len(as) > 0 && len(as[len(as)-1].AssessedOn) >= 4 {
		if y, err := strconv.Atoi(as[len(as)-1].AssessedOn[:4]); err == nil {
			year = y
		}
	}
	if d.Wage, err = h.wageName(c, year); err != nil {
		return err
	}
	return h.Pages.Render(c, "registry/detail", d)
}

// wageName names the minimum wage that applies to the group's place in
// year, in the page's language: "UMK Kota Kupang", "UMP Nusa Tenggara Timur".
func (h *Handlers) wageName(c *fiber.Ctx, year int) (string, error) {
	src, err := h.Tenancy.Store.MinimumWageSource(c.UserContext(), tenancy.TenantOf(c).RegionCode, year)
	if err != nil {
		return "", err
	}
	loc := h.Pages.Localizer(c)
	if src.Region == nil {
		return loc.T("registry.wage.unknown"), nil
	}
	return loc.T("registry.wage."+src.Kind, "Region", src.Region.Name), nil
}
