package web

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/identity"
)

// CSRFField is the form field, and CSRFHeader the header htmx sends, that
// carry the token.
const (
	CSRFField  = "_csrf"
	CSRFHeader = "X-CSRF-Token"
)

// csrfCookie names the random per-browser value the token is signed over.
func (p *Pages) csrfCookie() string {
	if p.HTTPS {
		return "__Host-peduli_csrf"
	}
	return "peduli_csrf"
}

// CSRFToken returns the request's token, setting the browser's CSRF cookie
// when it has none. The token is an HMAC over that cookie and the session id
// (a signed double-submit bound to the session): another site can neither
// read nor forge it, and it stops working when the session ends. Unlike
// Fiber's csrf middleware it needs no server-side storage, so it holds
// across replicas and restarts.
func (p *Pages) CSRFToken(c *fiber.Ctx) string {
	if t, ok := c.Locals(localCSRF).(string); ok {
		return t
	}
	nonce := c.Cookies(p.csrfCookie())
	if len(nonce) < 32 {
		var b [32]byte
		_, _ = rand.Read(b[:])
		nonce = base64.RawURLEncoding.EncodeToString(b[:])
		c.Cookie(&fiber.Cookie{Name: p.csrfCookie(), Value: nonce, Path: "/", HTTPOnly: true,
			Secure: p.HTTPS, SameSite: fiber.CookieSameSiteLaxMode})
	}
	t := p.sign(nonce, sessionID(c))
	c.Locals(localCSRF, t)
	return t
}

const localCSRF = "web.csrf"

func sessionID(c *fiber.Ctx) string {
	if s := identity.SessionOf(c); s != nil {
		return s.ID
	}
	return ""
}

func (p *Pages) sign(nonce, session string) string {
	m := hmac.New(sha256.New, p.csrfKey)
	m.Write([]byte("csrf\x00" + nonce + "\x00" + session))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// CSRF refuses POST, PUT, PATCH and DELETE requests whose token (form field
// _csrf in the body, or header X-CSRF-Token; never the query string) does not match the browser's cookie and
// session. Safe methods pass.
func (p *Pages) CSRF(c *fiber.Ctx) error {
	switch c.Method() {
	case fiber.MethodGet, fiber.MethodHead, fiber.MethodOptions:
		return c.Next()
	}
	got := c.Get(CSRFHeader)
	if got == "" {
		got = bodyValue(c, CSRFField)
	}
	nonce := c.Cookies(p.csrfCookie())
	if nonce == "" || got == "" {
		return p.csrfRefused(c)
	}
	want := p.sign(nonce, sessionID(c))
	if subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1 {
		return p.csrfRefused(c)
	}
	return c.Next()
}

// bodyValue reads a field of a submitted form's body only. Fiber's
// FormValue also answers from the query string, where a token would land
// in access logs, browser history and Referer headers.
func bodyValue(c *fiber.Ctx, name string) string {
	if strings.HasPrefix(strings.ToLower(c.Get(fiber.HeaderContentType)), fiber.MIMEMultipartForm) {
		form, err := c.MultipartForm()
		if err != nil || len(form.Value[name]) == 0 {
			return ""
		}
		return form.Value[name][0]
	}
	return string(c.Request().PostArgs().Peek(name))
}

func (p *Pages) csrfRefused(c *fiber.Ctx) error {
	return p.renderError(c, fiber.StatusForbidden, "error.csrf")
}
