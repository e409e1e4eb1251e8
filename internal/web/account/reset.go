package account

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/web"
)

// Forgot shows how to get a new password (GET /password/forgot): by email
// when mail is configured, and always by asking the group's owner or admin
// for a link.
func (h *Handlers) Forgot(c *fiber.Ctx) error {
	return h.Pages.RenderForm(c, fiber.StatusOK, "account/forgot", web.NewForm(), h.Resets.Mailer != nil)
}

// ForgotSubmit mails a link if the address has an account (POST
// /password/forgot). The answer is the same whether it has or not.
func (h *Handlers) ForgotSubmit(c *fiber.Ctx) error {
	f := web.ParseForm(c, "email")
	if f.Get("email") == "" {
		f.Invalid("email", "required")
		return h.Pages.RenderForm(c, fiber.StatusUnprocessableEntity, "account/forgot", f, h.Resets.Mailer != nil)
	}
	if err := h.Resets.RequestByEmail(c.UserContext(), f.Get("email")); err != nil && h.Pages.Log != nil {
		// The mail could not even be queued: the person still sees the
		// usual answer, the operator sees why.
		h.Pages.Log.Error("password reset mail not queued", "error", err)
	}
	return h.Pages.Redirect(c, "/login", "reset.sent_if_exists")
}

// Reset shows the new-password form of a reset link (GET /password/reset/{token}).
func (h *Handlers) Reset(c *fiber.Ctx) error {
	c.Set(fiber.HeaderReferrerPolicy, "no-referrer")
	if _, err := h.Resets.Valid(c.UserContext(), c.Params("token")); err != nil {
		return h.resetInvalid(c, err)
	}
	return h.Pages.RenderForm(c, fiber.StatusOK, "account/reset", web.NewForm(), nil)
}

// ResetSubmit sets the new password and sends the person to log in
// (POST /password/reset/{token}).
func (h *Handlers) ResetSubmit(c *fiber.Ctx) error {
	c.Set(fiber.HeaderReferrerPolicy, "no-referrer")
	f := web.ParseForm(c, "password", "password2")
	if f.Get("password") != f.Get("password2") {
		f.Invalid("password2", "password_match")
	}
	if f.OK() {
		_, err := h.Resets.Use(c.UserContext(), c.Params("token"), f.Get("password"))
		if err == nil {
			h.Auth.ClearSessionCookie(c)
			return h.Pages.Redirect(c, "/login", "reset.done")
		}
		if errors.Is(err, errs.ErrNotFound) {
			return h.resetInvalid(c, err)
		}
		if !f.Fail(err, nil) {
			return err
		}
	}
	return h.Pages.RenderForm(c, fiber.StatusUnprocessableEntity, "account/reset", f, nil)
}

func (h *Handlers) resetInvalid(c *fiber.Ctx, err error) error {
	if !errors.Is(err, errs.ErrNotFound) {
		return err
	}
	return h.Pages.RenderForm(c, fiber.StatusNotFound, "account/reset_invalid", nil, nil)
}
