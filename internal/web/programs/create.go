package programs

import (
	"net/http"

	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/platform/clock"
	"github.com/peduli/peduli/internal/programs"
	"github.com/peduli/peduli/internal/tenancy"
	"github.com/peduli/peduli/internal/web"
)

// newData is the new-program page: the catalog's cards.
type newData struct {
	Templates []programs.TemplateView
}

// New shows the template cards and the from-scratch form (GET /t/{slug}/programs/new).
func (h *Handlers) New(c *fiber.Ctx) error {
	f := web.NewForm("starts_on", string(clock.Today(h.Programs.Now(), clock.Zone)), "template_key", c.Query("template"))
	return h.render(c, http.StatusOK, f)
}

func (h *Handlers) render(c *fiber.Ctx, status int, f *web.Form) error {
	ts, err := h.Programs.Templates(c.UserContext(), false)
	if err != nil {
		return err
	}
	return h.Pages.RenderForm(c, status, "programs/new", f, newData{Templates: ts})
}

// Create starts a program from the chosen card, or from scratch when
// "scratch" is chosen (POST /t/{slug}/programs). A program from scratch
// that tracks income gets one enterprise-income indicator, so its members'
// progress and the dashboard's income trend work as with a template.
func (h *Handlers) Create(c *fiber.Ctx) error {
	f := web.ParseForm(c, "template_key", "name", "description", "starts_on", "ends_on", "income")
	in := programs.ProgramInput{Name: f.Get("name"), Description: f.Get("description"), StartsOn: f.Get("starts_on"),
		EndsOn: f.Get("ends_on")}
	switch key := f.Get("template_key"); key {
	case "", "scratch":
		if key == "" { // no card chosen: the rest is checked as a program from scratch
			f.Invalid("template_key", "required")
		}
		in.Category = "uep"
		in.Activities = []programs.ActivityKind{{Key: "meeting", Name: programs.Text{ID: "Pertemuan", EN: "Meeting"}},
			{Key: "training", Name: programs.Text{ID: "Pelatihan", EN: "Training"}}}
		if f.Get("income") != "" {
			in.Indicators = []programs.Indicator{{Key: "enterprise_income", Unit: "IDR", Direction: "up", Income: true,
				Name: programs.Text{ID: "Penghasilan usaha", EN: "Enterprise income"}}}
		}
	default:
		in.TemplateKey = key
	}
	ctx := c.UserContext()
	var id string
	saved, err := f.Submit(func() error {
		p, err := h.Programs.CreateProgram(ctx, h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), in)
		if err == nil {
			id = p.ID
		}
		return err
	}, func() error { return h.Programs.CheckProgram(ctx, in) }, nil)
	if err != nil {
		return err
	}
	if saved {
		return h.Pages.Redirect(c, path(c, "/programs/"+id), "programs.created")
	}
	localRules(f)
	return h.render(c, http.StatusUnprocessableEntity, f)
}
