package team

import (
	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/tenancy"
	"github.com/peduli/peduli/internal/web"
)

// Invite creates an invitation and shows its link once, to copy or send by
// WhatsApp (POST /t/{slug}/team). The page is answered directly rather than
// after a redirect, so the token never travels in a URL or a cookie.
func (h *Handlers) Invite(c *fiber.Ctx) error {
	f := web.ParseForm(c, "email", "role")
	in := tenancy.InviteInput{Email: f.Get("email"), Role: f.Get("role")}
	var inv *tenancy.Invitation
	var token string
	saved, err := f.Submit(func() error {
		var err error
		inv, token, err = h.Tenancy.Invite(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), tenancy.RoleOf(c), in)
		return err
	}, nil, map[string]string{"already_member": "email"})
	if err != nil {
		return err
	}
	if saved {
		c.Set(fiber.HeaderReferrerPolicy, "no-referrer")
		loc := h.Pages.Localizer(c)
		u := h.Tenancy.InvitationURL(token)
		link := &shareLink{Kind: "invite", Who: inv.Email, URL: u,
			WhatsApp: whatsApp(loc.T("team.invite_message", "Group", tenancy.TenantOf(c).Name, "URL", u))}
		return h.show(c, fiber.StatusOK, web.NewForm("role", in.Role), link)
	}
	return h.show(c, fiber.StatusUnprocessableEntity, f, nil)
}
