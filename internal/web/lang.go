package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/platform/i18n"
)

// LangCookie remembers the language a visitor chose before signing in.
const LangCookie = "lang"

const localLang = "web.lang"

// Lang returns the request's language: the signed-in user's setting, then
// the lang cookie, then Accept-Language, then Bahasa Indonesia.
func Lang(c *fiber.Ctx) string {
	if l, ok := c.Locals(localLang).(string); ok {
		return l
	}
	setting := ""
	if u := identity.UserOf(c); u != nil {
		setting = u.Locale
	}
	l := i18n.Negotiate(setting, c.Cookies(LangCookie), c.Get(fiber.HeaderAcceptLanguage))
	c.Locals(localLang, l)
	return l
}

// Localizer returns the translator for the request's language.
func (p *Pages) Localizer(c *fiber.Ctx) *i18n.Localizer { return p.Catalogue.Localizer(Lang(c)) }

// SetLangCookie stores a visitor's language choice for a year.
func (p *Pages) SetLangCookie(c *fiber.Ctx, lang string) {
	c.Cookie(&fiber.Cookie{Name: LangCookie, Value: lang, Path: "/", MaxAge: 365 * 24 * 3600,
		Secure: p.HTTPS, SameSite: fiber.CookieSameSiteLaxMode})
	c.Locals(localLang, lang)
}

// PreferLang makes lang the request's language unless the visitor chose
// one herself (her account's setting or the language switch): a page about
// something written in a language, such as an invitation, follows it
// rather than the browser's.
func PreferLang(c *fiber.Ctx, lang string) {
	setting := ""
	if u := identity.UserOf(c); u != nil {
		setting = u.Locale
	}
	if i18n.IsSupported(setting) || i18n.IsSupported(c.Cookies(LangCookie)) || !i18n.IsSupported(lang) {
		return
	}
	c.Locals(localLang, lang)
}
