package account

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/web"
)

// Login shows the login form (GET /login).
func (h *Handlers) Login(c *fiber.Ctx) error {
	if u := identity.UserOf(c); u != nil {
		return c.Redirect(h.homeOf(c.UserContext(), u.ID), fiber.StatusSeeOther)
	}
	next := c.Query("next")
	if !web.SafeNext(next) {
		next = ""
	}
	return h.Pages.RenderForm(c, fiber.StatusOK, "account/login", web.NewForm("next", next), nil)
}

// LoginSubmit checks the credentials and starts a session (POST /login).
// A wrong email and a wrong password get the same message.
func (h *Handlers) LoginSubmit(c *fiber.Ctx) error {
	f := web.ParseForm(c, "email", "password", "next")
	token, u, err := h.Identity.Login(c.UserContext(), identity.LoginInput{Email: f.Get("email"), Password: f.Get("password")})
	if errors.Is(err, identity.ErrBadCredentials) {
		f.Error = "login.bad_credentials"
	}
	if f.Error != "" || f.Fail(err, nil) {
		return h.Pages.RenderForm(c, fiber.StatusUnprocessableEntity, "account/login", f, nil)
	}
	if err != nil {
		return err
	}
	h.Auth.SetSessionCookie(c, token)
	next := f.Get("next")
	if !web.SafeNext(next) {
		next = h.homeOf(c.UserContext(), u.ID)
	}
	return c.Redirect(next, fiber.StatusSeeOther)
}

// Logout ends the session (POST /logout).
func (h *Handlers) Logout(c *fiber.Ctx) error {
	if s := identity.SessionOf(c); s != nil {
		if err := h.Identity.Logout(c.UserContext(), s.ID); err != nil {
			return err
		}
	}
	h.Auth.ClearSessionCookie(c)
	return h.Pages.Redirect(c, "/", "login.logged_out")
}
