package workspace

import (
	"github.com/gofiber/fiber/v2"
)

// Settings shows the person's settings in this workspace: for now her
// interface language (GET /t/{slug}/settings). The switch itself posts to
// /lang, which stores the choice on her account.
func (h *Handlers) Settings(c *fiber.Ctx) error {
	return h.Pages.Render(c, "workspace/settings", nil)
}
