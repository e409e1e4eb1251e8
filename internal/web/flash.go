package web

import (
	"strings"

	"github.com/gofiber/fiber/v2"
)

const flashCookie = "peduli_flash"

// Flash is a one-time message shown on the next page after a redirect.
type Flash struct {
	Kind    string // "ok", "warn" (done, but look) or "error"
	Message string // translated
}

// SetFlash stores a message key for the next page the browser opens. Only
// the key travels; the next page translates it, and an unknown key is dropped,
// so a forged cookie can show nothing but our own messages.
func (p *Pages) SetFlash(c *fiber.Ctx, kind, key string) {
	c.Cookie(&fiber.Cookie{Name: flashCookie, Value: kind + ":" + key, Path: "/", HTTPOnly: true,
		Secure: p.HTTPS, SameSite: fiber.CookieSameSiteLaxMode, MaxAge: 300})
}

// takeFlash reads and clears the pending message.
func (p *Pages) takeFlash(c *fiber.Ctx, lang string) *Flash {
	raw := c.Cookies(flashCookie)
	if raw == "" {
		return nil
	}
	c.Cookie(&fiber.Cookie{Name: flashCookie, Value: "", Path: "/", HTTPOnly: true, Secure: p.HTTPS,
		SameSite: fiber.CookieSameSiteLaxMode, MaxAge: -1})
	kind, key, ok := strings.Cut(raw, ":")
	if !ok || (kind != "ok" && kind != "warn" && kind != "error") || !p.Catalogue.Has(lang, key) {
		return nil
	}
	return &Flash{Kind: kind, Message: p.Catalogue.Localizer(lang).T(key)}
}

// Redirect answers 303 See Other after a form post, with an optional flash
// message key.
func (p *Pages) Redirect(c *fiber.Ctx, to, flashKey string) error {
	if flashKey != "" {
		p.SetFlash(c, "ok", flashKey)
	}
	return c.Redirect(to, fiber.StatusSeeOther)
}
