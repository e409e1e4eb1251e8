package registry

import (
	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/registry"
	"github.com/peduli/peduli/internal/tenancy"
)

// cardData is her member card: the masked record only, so printing one is
// not a read of her personal data.
type cardData struct {
	B      registry.View
	Number string // a short number to quote, from her record's id
}

// Card shows a printable member card for her to keep: the group, her name,
// village, member number and the day she was registered
// (GET /t/{slug}/beneficiaries/{id}/card).
func (h *Handlers) Card(c *fiber.Ctx) error {
	v, err := h.Registry.Get(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), c.Params("id"), false)
	if err != nil {
		return err
	}
	if v.PersonalData == registry.PersonalErased {
		return fiber.ErrNotFound
	}
	number := v.ID
	if len(number) > 8 {
		number = number[len(number)-8:]
	}
	return h.Pages.Render(c, "registry/card", cardData{B: v, Number: number})
}
