package tenancy

import (
	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/platform/httpx"
)

// UpdateProfile replaces the group's public profile (PUT /t/{slug}/profile).
func (h *Handlers) UpdateProfile(c *fiber.Ctx) error {
	var in Profile
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	p, err := h.Service.UpdateProfile(c.UserContext(), h.Service.ScopeOf(c), ActorOf(c), in)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"profile": p})
}
