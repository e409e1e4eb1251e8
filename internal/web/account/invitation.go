package account

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/tenancy"
	"github.com/peduli/peduli/internal/web"
)

// Invitation shows the page an invitation link opens (GET
// /invitations/{token}): a new person chooses her name and password; someone
// with an account enters her password.
func (h *Handlers) Invitation(c *fiber.Ctx) error {
	c.Set(fiber.HeaderReferrerPolicy, "no-referrer")
	pv, err := h.Tenancy.PreviewInvitation(c.UserContext(), c.Params("token"))
	if errors.Is(err, errs.ErrNotFound) {
		return h.Pages.RenderForm(c, fiber.StatusNotFound, "account/invitation_invalid", nil, nil)
	}
	if err != nil {
		return err
	}
	web.PreferLang(c, pv.Lang)
	return h.Pages.RenderForm(c, fiber.StatusOK, "account/invitation", web.NewForm(), pv)
}

// InvitationSubmit joins the team and signs the person in (POST
// /invitations/{token}).
func (h *Handlers) InvitationSubmit(c *fiber.Ctx) error {
	c.Set(fiber.HeaderReferrerPolicy, "no-referrer")
	f := web.ParseForm(c, "name", "password")
	in := tenancy.AcceptInput{Name: f.Get("name"), Password: f.Get("password")}
	if f.Get("password") == "" {
		f.Invalid("password", "required")
	}
	if f.OK() {
		// Read the group before accepting spends the link: she lands in it.
		pv, err := h.Tenancy.PreviewInvitation(c.UserContext(), c.Params("token"))
		if errors.Is(err, errs.ErrNotFound) {
			return h.Pages.RenderForm(c, fiber.StatusNotFound, "account/invitation_invalid", nil, nil)
		}
		if err != nil {
			return err
		}
		_, token, err := h.Tenancy.Accept(c.UserContext(), c.Params("token"), in)
		if err == nil {
			h.Auth.SetSessionCookie(c, token)
			return h.Pages.Redirect(c, "/t/"+pv.Slug, "invite.joined")
		}
		if errors.Is(err, errs.ErrNotFound) {
			return h.Pages.RenderForm(c, fiber.StatusNotFound, "account/invitation_invalid", nil, nil)
		}
		if !f.Fail(err, nil) {
			return err
		}
	}
	pv, err := h.Tenancy.PreviewInvitation(c.UserContext(), c.Params("token"))
	if errors.Is(err, errs.ErrNotFound) {
		return h.Pages.RenderForm(c, fiber.StatusNotFound, "account/invitation_invalid", nil, nil)
	}
	if err != nil {
		return err
	}
	web.PreferLang(c, pv.Lang)
	return h.Pages.RenderForm(c, fiber.StatusUnprocessableEntity, "account/invitation", f, pv)
}
