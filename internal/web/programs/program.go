package programs

import (
	"net/http"

	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/platform/clock"
	"github.com/peduli/peduli/internal/programs"
	"github.com/peduli/peduli/internal/tenancy"
	"github.com/peduli/peduli/internal/web"
)

// programData is the program page.
type programData struct {
	P          *programs.ProgramView
	Members    []programs.Member // nil for roles that may not read names
	ShowNames  bool
	Activities []activityRow
	KUBESize   bool // a KUBE outside 5–20 households
}

// activityRow is an activity with its kind's name in the page's language.
type activityRow struct {
	programs.ActivityView
	KindName string
}

// Detail shows a program: its members (for roles that read people), its
// activities with attendance counts and the forms to add to them
// (GET /t/{slug}/programs/{id}).
func (h *Handlers) Detail(c *fiber.Ctx) error {
	f := web.NewForm("held_on", string(clock.Today(h.Programs.Now(), clock.Zone)))
	return h.detail(c, http.StatusOK, f)
}

func (h *Handlers) detail(c *fiber.Ctx, status int, f *web.Form) error {
	ctx, scope, id := c.UserContext(), h.Tenancy.ScopeOf(c), c.Params("id")
	p, err := h.Programs.Program(ctx, scope, id)
	if err != nil {
		return err
	}
	d := programData{P: p, ShowNames: can(c, access.PeopleRead)}
	for _, w := range p.Warnings {
		d.KUBESize = d.KUBESize || w.Code == "kube_size"
	}
	if d.ShowNames {
		if d.Members, err = h.Programs.Members(ctx, scope, id); err != nil {
			return err
		}
	}
	acts, err := h.Programs.Activities(ctx, scope, id)
	if err != nil {
		return err
	}
	loc := h.Pages.Localizer(c)
	for _, a := range acts {
		d.Activities = append(d.Activities, activityRow{ActivityView: a,
			KindName: kindName(p, a.Kind, loc.Lang(), loc.T("programs.kind_other"))})
	}
	return h.Pages.RenderForm(c, status, "programs/program", f, d)
}

// AddActivity records a held activity (POST /t/{slug}/programs/{id}/activities)
// and opens its attendance screen, the next thing a facilitator does.
func (h *Handlers) AddActivity(c *fiber.Ctx) error {
	f := web.ParseForm(c, "title", "kind", "held_on", "notes")
	in := programs.ActivityInput{Title: f.Get("title"), Kind: f.Get("kind"), HeldOn: f.Get("held_on"), Notes: f.Get("notes")}
	var activityID string
	saved, err := f.Submit(func() error {
		a, err := h.Programs.RecordActivity(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), c.Params("id"), in)
		if err == nil {
			activityID = a.ID
		}
		return err
	}, nil, nil)
	if err != nil {
		return err
	}
	if saved {
		return h.Pages.Redirect(c, path(c, "/activities/"+activityID+"/attendance"), "programs.activity_added")
	}
	localRules(f)
	return h.detail(c, http.StatusUnprocessableEntity, f)
}
