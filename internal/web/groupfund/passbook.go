package groupfund

import (
	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/tenancy"
)

// Passbook shows a member's savings book, printable: her balances by kind
// and every deposit and withdrawal with its receipt number and the balance
// after it (GET /t/{slug}/beneficiaries/{id}/passbook). Reading it is
// audited, as the API's savings read.
func (h *Handlers) Passbook(c *fiber.Ctx) error {
	ctx, scope, id := c.UserContext(), h.Tenancy.ScopeOf(c), c.Params("id")
	b, err := h.Registry.Get(ctx, scope, tenancy.ActorOf(c), id, false)
	if err != nil {
		return err
	}
	sv, err := h.Fund.MemberSavings(ctx, scope, tenancy.ActorOf(c), id)
	if err != nil {
		return err
	}
	return h.Pages.Render(c, "groupfund/passbook", map[string]any{"Name": b.Name, "S": sv})
}
