package identity

import (
	"context"
	"errors"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/platform/httpx"
)

// Handlers serves the login and logout endpoints.
type Handlers struct {
	Service *Service
	HTTPS   bool
}

// LoginInput is the body of POST /api/v1/auth/login.
type LoginInput struct {
	Email    string `json:"email" validate:"required,max=254"`
	Password string `json:"password" validate:"required,max=1024"`
}

// PublicUser is the part of a user that API answers show.
type PublicUser struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Email  string `json:"email"`
	Locale string `json:"locale,omitempty"`
}

// Public returns the user as API answers show her.
func (u *User) Public() PublicUser {
	return PublicUser{ID: u.ID, Name: u.Name, Email: u.Email, Locale: u.Locale}
}

// Login checks credentials and answers a new token and a session cookie.
func (h *Handlers) Login(c *fiber.Ctx) error {
	var in LoginInput
	if err := httpx.Decode(c, &in); err != nil {
		return err
	}
	token, u, err := h.Service.LoginFrom(c.UserContext(), in, c.IP())
	if errors.Is(err, ErrBadCredentials) {
		p := httpx.NewProblem("unauthenticated", "email or password is wrong")
		p.Code = "invalid_credentials"
		return &httpx.ProblemError{Problem: p}
	}
	if err != nil {
		return err
	}
	h.SetSessionCookie(c, token)
	return c.JSON(fiber.Map{"token": token, "user": u.Public()})
}

// LogoutInput is the optional body of POST /api/v1/auth/logout.
type LogoutInput struct {
	// Everywhere ends every session of the user, on every device.
	Everywhere bool `json:"everywhere"`
}

// Logout revokes the current session — or, with {"everywhere": true}, all
// of the user's sessions — and clears the cookie.
func (h *Handlers) Logout(c *fiber.Ctx) error {
	sess := SessionOf(c)
	if sess == nil {
		return errs.ErrUnauthenticated
	}
	var in LogoutInput
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	logout := h.Service.Logout
	if in.Everywhere {
		logout = func(ctx context.Context, _ string) error { return h.Service.LogoutEverywhere(ctx, sess.UserID) }
	}
	if err := logout(c.UserContext(), sess.ID); err != nil {
		return err
	}
	h.ClearSessionCookie(c)
	return c.SendStatus(fiber.StatusNoContent)
}

// SetSessionCookie stores token in an HttpOnly, SameSite=Lax cookie.
func (h *Handlers) SetSessionCookie(c *fiber.Ctx, token string) {
	c.Cookie(&fiber.Cookie{
		Name: Cookie(h.HTTPS), Value: token, Path: "/", HTTPOnly: true, Secure: h.HTTPS,
		SameSite: fiber.CookieSameSiteLaxMode, Expires: time.Now().Add(h.Service.SessionAbsolute),
	})
}

// ClearSessionCookie removes the session cookie.
func (h *Handlers) ClearSessionCookie(c *fiber.Ctx) {
	c.Cookie(&fiber.Cookie{
		Name: Cookie(h.HTTPS), Value: "", Path: "/", HTTPOnly: true, Secure: h.HTTPS,
		SameSite: fiber.CookieSameSiteLaxMode, Expires: time.Unix(1, 0), MaxAge: -1,
	})
}
