package team

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/tenancy"
	"github.com/peduli/peduli/internal/web"
)

// memberID reads the :user_id of a team route; anything but an id is 404.
func memberID(c *fiber.Ctx) (string, error) {
	id := c.Params("user_id")
	if !db.ValidID(id) {
		return "", errs.ErrNotFound
	}
	return id, nil
}

// ChangeRole gives a member another role (POST /t/{slug}/team/{user_id}/role).
func (h *Handlers) ChangeRole(c *fiber.Ctx) error {
	id, err := memberID(c)
	if err != nil {
		return err
	}
	role := c.FormValue("role")
	if !access.ValidTenantRole(role) {
		return errs.Invalid("role", "oneof", "unknown role")
	}
	err = h.Tenancy.ChangeRole(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), tenancy.RoleOf(c), id, access.Role(role))
	return h.done(c, err, "team.role_changed")
}

// Remove takes a member off the team (POST /t/{slug}/team/{user_id}/remove).
func (h *Handlers) Remove(c *fiber.Ctx) error {
	id, err := memberID(c)
	if err != nil {
		return err
	}
	err = h.Tenancy.RemoveMember(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), tenancy.RoleOf(c), id)
	return h.done(c, err, "team.removed")
}

// Revoke withdraws a pending invitation (POST /t/{slug}/team/invitations/{id}/revoke).
func (h *Handlers) Revoke(c *fiber.Ctx) error {
	err := h.Tenancy.RevokeInvitation(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), tenancy.RoleOf(c), c.Params("id"))
	return h.done(c, err, "team.revoked")
}

// done redirects back to the team page with a message: the conflicts a team
// change can meet (the last owner) are shown as an error message there.
func (h *Handlers) done(c *fiber.Ctx, err error, okKey string) error {
	var ce *errs.ConflictError
	switch {
	case err == nil:
		return h.Pages.Redirect(c, h.path(c), okKey)
	case errors.As(err, &ce):
		h.Pages.SetFlash(c, "error", "error."+ce.Code)
		return c.Redirect(h.path(c), fiber.StatusSeeOther)
	}
	return err
}

// ResetLink makes a one-time password link for a member and shows it to
// copy or send by WhatsApp (POST /t/{slug}/team/{user_id}/reset).
func (h *Handlers) ResetLink(c *fiber.Ctx) error {
	id, err := memberID(c)
	if err != nil {
		return err
	}
	token, err := h.Resets.IssueForMember(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), tenancy.RoleOf(c), id)
	if err != nil {
		return h.done(c, err, "")
	}
	u, err := h.Tenancy.Identity.Store.User(c.UserContext(), id)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderReferrerPolicy, "no-referrer")
	loc := h.Pages.Localizer(c)
	link := h.Resets.URL(token)
	return h.show(c, fiber.StatusOK, web.NewForm("role", string(access.Facilitator)), &shareLink{
		Kind: "reset", Who: u.Name, URL: link,
		WhatsApp: whatsApp(loc.T("team.reset_message", "Name", u.Name, "URL", link)),
	})
}
