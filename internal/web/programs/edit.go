package programs

import (
	"net/http"

	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/programs"
	"github.com/peduli/peduli/internal/tenancy"
	"github.com/peduli/peduli/internal/web"
)

// editData is the program's edit page.
type editData struct {
	P *programs.ProgramView
}

// EditProgram shows the form to rename, describe, end, close or reopen a
// program (GET /t/{slug}/programs/{id}/edit).
func (h *Handlers) EditProgram(c *fiber.Ctx) error {
	p, err := h.Programs.Program(c.UserContext(), h.Tenancy.ScopeOf(c), c.Params("id"))
	if err != nil {
		return err
	}
	end := ""
	if p.EndsOn != nil {
		end = string(*p.EndsOn)
	}
	f := web.NewForm("name", p.Name, "description", p.Description, "ends_on", end, "status", p.Status)
	return h.Pages.RenderForm(c, http.StatusOK, "programs/edit", f, editData{P: p})
}

// SaveProgram saves the edit form (POST /t/{slug}/programs/{id}/edit).
// Closing keeps members, activities and outcomes; a closed program takes
// no new activities until it is reopened.
func (h *Handlers) SaveProgram(c *fiber.Ctx) error {
	ctx, scope, id := c.UserContext(), h.Tenancy.ScopeOf(c), c.Params("id")
	f := web.ParseForm(c, "name", "description", "ends_on", "status")
	name, desc, end, status := f.Get("name"), f.Get("description"), f.Get("ends_on"), f.Get("status")
	in := programs.ProgramPatch{Name: &name, Description: &desc, EndsOn: &end, Status: &status}
	saved, err := f.Submit(func() error {
		_, err := h.Programs.UpdateProgram(ctx, scope, tenancy.ActorOf(c), id, in)
		return err
	}, nil, nil)
	if err != nil {
		return err
	}
	if saved {
		return h.Pages.Redirect(c, path(c, "/programs/"+id), "programs.saved")
	}
	localRules(f)
	p, err := h.Programs.Program(ctx, scope, id)
	if err != nil {
		return err
	}
	return h.Pages.RenderForm(c, http.StatusUnprocessableEntity, "programs/edit", f, editData{P: p})
}

// Withdraw ends one member's place in the program
// (POST /t/{slug}/programs/{id}/withdraw, field enrollment_id). She keeps
// her attendance and outcomes and may be added again later.
func (h *Handlers) Withdraw(c *fiber.Ctx) error {
	ctx, scope, id := c.UserContext(), h.Tenancy.ScopeOf(c), c.Params("id")
	members, err := h.Programs.Members(ctx, scope, id)
	if err != nil {
		return err
	}
	eid, found := c.FormValue("enrollment_id"), false
	for _, m := range members {
		found = found || m.EnrollmentID == eid
	}
	if !found {
		return errs.ErrNotFound
	}
	if err := h.Programs.Withdraw(ctx, scope, tenancy.ActorOf(c), eid); err != nil {
		return err
	}
	return h.Pages.Redirect(c, path(c, "/programs/"+id), "programs.withdrawn")
}

// activityEditData is the activity's edit page.
type activityEditData struct {
	P *programs.ProgramView
	A *programs.ActivityView
}

// EditActivity shows the form to correct an activity, and to delete it
// while nobody is marked present (GET /t/{slug}/activities/{id}/edit).
func (h *Handlers) EditActivity(c *fiber.Ctx) error {
	a, p, err := h.activity(c)
	if err != nil {
		return err
	}
	f := web.NewForm("title", a.Title, "kind", a.Kind, "held_on", string(a.HeldOn), "notes", a.Notes)
	return h.Pages.RenderForm(c, http.StatusOK, "programs/activity_edit", f, activityEditData{P: p, A: a})
}

func (h *Handlers) activity(c *fiber.Ctx) (*programs.ActivityView, *programs.ProgramView, error) {
	ctx, scope := c.UserContext(), h.Tenancy.ScopeOf(c)
	a, err := h.Programs.Activity(ctx, scope, c.Params("id"))
	if err != nil {
		return nil, nil, err
	}
	p, err := h.Programs.Program(ctx, scope, a.ProgramID)
	return a, p, err
}

// SaveActivity saves the activity form (POST /t/{slug}/activities/{id}/edit).
func (h *Handlers) SaveActivity(c *fiber.Ctx) error {
	f := web.ParseForm(c, "title", "kind", "held_on", "notes")
	title, kind, held, notes := f.Get("title"), f.Get("kind"), f.Get("held_on"), f.Get("notes")
	in := programs.ActivityPatch{Title: &title, Kind: &kind, HeldOn: &held, Notes: &notes}
	var programID string
	saved, err := f.Submit(func() error {
		a, err := h.Programs.UpdateActivity(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), c.Params("id"), in)
		if err == nil {
			programID = a.ProgramID
		}
		return err
	}, nil, nil)
	if err != nil {
		return err
	}
	if saved {
		return h.Pages.Redirect(c, path(c, "/programs/"+programID), "programs.activity_saved")
	}
	localRules(f)
	a, p, err := h.activity(c)
	if err != nil {
		return err
	}
	return h.Pages.RenderForm(c, http.StatusUnprocessableEntity, "programs/activity_edit", f, activityEditData{P: p, A: a})
}

// DeleteActivity removes an activity nobody was marked present at
// (POST /t/{slug}/activities/{id}/delete); with attendance the edit page
// says to unmark everyone first and nothing changes.
func (h *Handlers) DeleteActivity(c *fiber.Ctx) error {
	pid, err := h.Programs.DeleteActivity(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), c.Params("id"))
	if err == nil {
		return h.Pages.Redirect(c, path(c, "/programs/"+pid), "programs.activity_deleted")
	}
	f := web.NewForm()
	if !f.Fail(err, nil) {
		return err
	}
	a, p, err := h.activity(c)
	if err != nil {
		return err
	}
	f = web.NewForm("title", a.Title, "kind", a.Kind, "held_on", string(a.HeldOn), "notes", a.Notes)
	f.Error = "error.activity_has_attendance"
	return h.Pages.RenderForm(c, http.StatusConflict, "programs/activity_edit", f, activityEditData{P: p, A: a})
}
