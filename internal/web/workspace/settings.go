package workspace

import (
	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/regions"
	"github.com/peduli/peduli/internal/tenancy"
	"github.com/peduli/peduli/internal/web"
)

// SettingsPage is the settings page's data: the group's verification, for
// everyone on the team to see what a coordinator asked.
type SettingsPage struct {
	Verification *regions.Verification
}

// profileFields are the profile form's inputs, named as tenancy.Profile's
// JSON fields so the service's errors land on them.
var profileFields = []string{"story", "story_en", "work", "meeting_place", "contact_whatsapp"}

// Settings shows the group's verification and profile and the person's
// interface language (GET /t/{slug}/settings). The language switch posts
// to /lang, which stores the choice on her account.
func (h *Handlers) Settings(c *fiber.Ctx) error {
	p := tenancy.ProfileOf(tenancy.TenantOf(c))
	f := web.NewForm("story", p.Story, "story_en", p.StoryEN, "work", p.Work, "meeting_place", p.MeetingPlace,
		"contact_whatsapp", p.ContactWhatsApp)
	return h.settings(c, fiber.StatusOK, f)
}

func (h *Handlers) settings(c *fiber.Ctx, status int, f *web.Form) error {
	page := SettingsPage{}
	if h.Regions != nil {
		v, err := h.Regions.Verification(c.UserContext(), tenancy.TenantOf(c))
		if err != nil {
			return err
		}
		page.Verification = v
	}
	return h.Pages.RenderForm(c, status, "workspace/settings", f, page)
}

// SaveProfile stores the group's profile from the settings form
// (POST /t/{slug}/settings/profile); a wrong field re-shows the form with
// what was typed.
func (h *Handlers) SaveProfile(c *fiber.Ctx) error {
	f := web.ParseForm(c, profileFields...)
	in := tenancy.Profile{Story: f.Get("story"), StoryEN: f.Get("story_en"), Work: f.Get("work"),
		MeetingPlace: f.Get("meeting_place"), ContactWhatsApp: f.Get("contact_whatsapp")}
	_, err := h.Tenancy.UpdateProfile(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), in)
	if err == nil {
		return h.Pages.Redirect(c, settingsPath(c), "settings.profile_saved")
	}
	if !f.Fail(err, nil) {
		return err
	}
	return h.settings(c, fiber.StatusUnprocessableEntity, f)
}

// RequestReview asks the region's coordinators to look at the group again
// after they asked for changes (POST /t/{slug}/settings/review).
func (h *Handlers) RequestReview(c *fiber.Ctx) error {
	if _, err := h.Regions.RequestReview(c.UserContext(), tenancy.ActorOf(c), tenancy.TenantOf(c)); err != nil {
		return err
	}
	return h.Pages.Redirect(c, settingsPath(c), "settings.review_requested")
}

func settingsPath(c *fiber.Ctx) string { return "/t/" + tenancy.TenantOf(c).Slug + "/settings" }
