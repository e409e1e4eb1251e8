package funds

import (
	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/funds"
	"github.com/peduli/peduli/internal/web"
)

// groupPage is what /g/{slug} shows.
type groupPage struct {
	Group *funds.PublicGroup
	Story string
}

// Group shows a group's public page (GET /g/{slug}): who they are, their
// programs, and how to give — online, or why not and the cash route.
func (h *Handlers) Group(c *fiber.Ctx) error {
	g, err := h.Funds.PublicGroup(c.UserContext(), c.Params("slug"))
	if err != nil {
		return err
	}
	return h.Pages.Render(c, "funds/group", groupPage{Group: g, Story: story(g, web.Lang(c))})
}

// story picks the story in the visitor's language, falling back to the other.
func story(g *funds.PublicGroup, lang string) string {
	if s := g.Story[lang]; s != "" {
		return s
	}
	if lang == "en" {
		return g.Story["id"]
	}
	return g.Story["en"]
}
