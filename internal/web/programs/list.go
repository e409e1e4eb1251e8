package programs

import (
	"github.com/gofiber/fiber/v2"
)

// List shows the group's programs with their member counts and warnings
// (GET /t/{slug}/programs); viewers see it too, since it names no one.
func (h *Handlers) List(c *fiber.Ctx) error {
	items, err := h.Programs.Programs(c.UserContext(), h.Tenancy.ScopeOf(c))
	if err != nil {
		return err
	}
	return h.Pages.Render(c, "programs/list", items)
}
