package journal

import (
	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/tenancy"
)

// Handlers serves …/journal.
type Handlers struct {
	Service *Service
	Tenancy *tenancy.Service
}

// TrialBalance answers GET …/journal/trial-balance.
func (h *Handlers) TrialBalance(c *fiber.Ctx) error {
	tb, err := h.Service.TrialBalance(c.UserContext(), h.Tenancy.ScopeOf(c))
	if err != nil {
		return err
	}
	return c.JSON(tb)
}
