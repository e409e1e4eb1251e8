package workspace

import (
	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/tenancy"
	"github.com/peduli/peduli/internal/web"
)

// SavePhoto stores the group's photo from the settings form
// (POST /t/{slug}/settings/photo). The browser shrinks it first when it
// can; the server takes up to 12 MB and shrinks it too. A missing, too
// large or unreadable file re-shows the settings with the message beside
// the photo input and the profile as it was.
func (h *Handlers) SavePhoto(c *fiber.Ctx) error {
	var err error
	fh, ferr := c.FormFile("photo")
	if ferr != nil || fh.Size == 0 {
		err = errs.Invalid("photo", "required", "choose a photo")
	} else {
		err = h.Tenancy.SetPhoto(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), fh)
	}
	if err == nil {
		return h.Pages.Redirect(c, settingsPath(c), "settings.photo_saved")
	}
	p := tenancy.ProfileOf(tenancy.TenantOf(c))
	f := web.NewForm("story", p.Story, "story_en", p.StoryEN, "work", p.Work, "meeting_place", p.MeetingPlace,
		"contact_whatsapp", p.ContactWhatsApp)
	if !f.Fail(err, nil) {
		return err
	}
	return h.settings(c, fiber.StatusUnprocessableEntity, f)
}
