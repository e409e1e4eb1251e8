package funds

import (
	"sort"

	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/funds"
)

// ledgerPage is what /g/{slug}/ledger shows.
type ledgerPage struct {
	Slug       string
	Ledger     *funds.PublicLedger
	Sources    []amountRow
	Categories []amountRow
	Share      float64 // operating costs as a fraction of donations, for .Percent
	Cap        float64
}

type amountRow struct {
	Key    string
	Amount int64
}

// Ledger shows where a group's money came from and went (GET /g/{slug}/ledger).
func (h *Handlers) Ledger(c *fiber.Ctx) error {
	l, err := h.Funds.PublicLedger(c.UserContext(), c.Params("slug"))
	if err != nil {
		return err
	}
	return h.Pages.Render(c, "funds/ledger", ledgerPage{Slug: c.Params("slug"), Ledger: l,
		Sources: rows(l.BySource), Categories: rows(l.ByCategory),
		Share: l.OperatingCost.SharePercent / 100, Cap: float64(l.OperatingCost.CapPercent) / 100})
}

// rows sorts a map of amounts, largest first.
func rows(m map[string]int64) []amountRow {
	out := make([]amountRow, 0, len(m))
	for k, v := range m {
		out = append(out, amountRow{k, v})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Amount > out[j].Amount })
	return out
}
