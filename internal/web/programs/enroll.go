package programs

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/programs"
	"github.com/peduli/peduli/internal/registry"
	"github.com/peduli/peduli/internal/tenancy"
)

// enrollData is the page to add people: those not yet in the program, a
// page of them at a time, with the name search.
type enrollData struct {
	P          *programs.ProgramView
	Q          string
	People     []registry.View
	NextCursor *string
}

// EnrollForm lists people to add to a program, each with a checkbox
// (GET /t/{slug}/programs/{id}/enroll; POST …/enroll/search to search by
// name without putting it in the URL).
func (h *Handlers) EnrollForm(c *fiber.Ctx) error {
	q, cursor := "", c.Query("cursor")
	if c.Method() == fiber.MethodPost {
		q, cursor = c.FormValue("q"), c.FormValue("cursor")
	}
	ctx, scope := c.UserContext(), h.Tenancy.ScopeOf(c)
	p, err := h.Programs.Program(ctx, scope, c.Params("id"))
	if err != nil {
		return err
	}
	members, err := h.Programs.Members(ctx, scope, p.ID)
	if err != nil {
		return err
	}
	in := make(map[string]bool, len(members))
	for _, m := range members {
		in[m.BeneficiaryID] = true
	}
	page, err := h.Registry.List(ctx, scope, tenancy.ActorOf(c), registry.ListQuery{Q: q, Cursor: cursor, Limit: registry.DefaultLimit})
	if err != nil {
		return err
	}
	d := enrollData{P: p, Q: q, NextCursor: page.NextCursor}
	for _, v := range page.Items {
		if !in[v.ID] {
			d.People = append(d.People, v)
		}
	}
	return h.Pages.Render(c, "programs/enroll", d)
}

// Enroll adds every ticked person in one form post
// (POST /t/{slug}/programs/{id}/enrollments). Someone already enrolled is
// skipped; the program page then shows the KUBE size warning if it applies.
func (h *Handlers) Enroll(c *fiber.Ctx) error {
	ctx, scope, actor, id := c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), c.Params("id")
	ids := formValues(c, "beneficiary_id")
	if len(ids) == 0 {
		h.Pages.SetFlash(c, "error", "programs.enroll_none")
		return c.Redirect(path(c, "/programs/"+id+"/enroll"), fiber.StatusSeeOther)
	}
	if len(ids) > registry.MaxLimit {
		return errs.Invalid("beneficiary_id", "max", "too many people at once")
	}
	for _, b := range ids {
		_, err := h.Programs.Enroll(ctx, scope, actor, id, programs.EnrollInput{BeneficiaryID: b})
		var ce *errs.ConflictError
		if err != nil && !(errors.As(err, &ce) && ce.Code == "already_enrolled") {
			return err
		}
	}
	return h.Pages.Redirect(c, path(c, "/programs/"+id), "programs.enrolled")
}
