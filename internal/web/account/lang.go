package account

import (
	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/platform/i18n"
	"github.com/peduli/peduli/internal/web"
)

// SetLang switches the interface language (POST /lang, from the switcher on
// every page) and returns to the page the person was on. A signed-in user's
// setting changes too, since it outranks the cookie.
func (h *Handlers) SetLang(c *fiber.Ctx) error {
	lang := c.FormValue("lang")
	if !i18n.IsSupported(lang) {
		return errs.Invalid("lang", "oneof", "must be id or en")
	}
	if u := identity.UserOf(c); u != nil {
		if err := h.Identity.SetLocale(c.UserContext(), u, lang); err != nil {
			return err
		}
	}
	h.Pages.SetLangCookie(c, lang)
	next := c.FormValue("next")
	if !web.SafeNext(next) {
		next = "/"
	}
	return c.Redirect(next, fiber.StatusSeeOther)
}
