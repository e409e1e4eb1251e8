package identity

import (
	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/platform/httpx"
)

// PlatformAdmins answers whether a user runs the platform (the access
// enforcer does); identity asks it without depending on access.
type PlatformAdmins interface {
	IsPlatformAdmin(userID string) bool
}

// PasswordInput is the body of POST /api/v1/auth/password.
type PasswordInput struct {
	CurrentPassword string `json:"current_password" validate:"required,max=1024"`
	NewPassword     string `json:"new_password" validate:"required,max=1024"`
}

// EmailInput is the body of POST /api/v1/auth/email.
type EmailInput struct {
	CurrentPassword string `json:"current_password" validate:"required,max=1024"`
	Email           string `json:"email" validate:"required,email,max=254"`
}

// ChangePassword changes the caller's password after re-authentication and
// ends her other sessions; this one stays (POST /api/v1/auth/password).
func (h *Handlers) ChangePassword(c *fiber.Ctx) error {
	var in PasswordInput
	if err := httpx.Decode(c, &in); err != nil {
		return err
	}
	u, sess := UserOf(c), SessionOf(c)
	if err := h.Service.ChangePassword(c.UserContext(), u, sess.ID, in, c.IP()); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// ChangeEmail changes the caller's login email after re-authentication
// (POST /api/v1/auth/email).
func (h *Handlers) ChangeEmail(c *fiber.Ctx) error {
	var in EmailInput
	if err := httpx.Decode(c, &in); err != nil {
		return err
	}
	u, err := h.Service.ChangeEmail(c.UserContext(), UserOf(c), in, c.IP())
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"user": u.Public()})
}

// Disable disables a user and ends all her sessions; platform admins only,
// behind RequirePlatformAdmin (POST /api/v1/admin/users/{id}/disable).
func (h *Handlers) Disable(c *fiber.Ctx) error {
	me := UserOf(c)
	id := c.Params("id")
	if !db.ValidID(id) {
		return errs.ErrNotFound
	}
	if err := h.Service.Disable(c.UserContext(), me.ID, id); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}
