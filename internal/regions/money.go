package regions

import (
	"github.com/peduli/peduli/internal/funds"
	"github.com/peduli/peduli/internal/platform/db"
)

// moneyFigures are a group's ledger totals in IDR minor units.
type moneyFigures struct {
	In, Out, Donations int64
}

// money sums what the group's ledger counts between from and to
// (exclusive), or over all time when from is empty. The ledger belongs to
// funds, which applies its own counting rules (approvals, reversals, host
// transfers), so these figures never differ from the group's own totals.
func money(t *db.Tenant, from, to db.Date) (moneyFigures, error) {
	s, err := funds.CountedSums(t, string(from), string(to))
	if err != nil {
		return moneyFigures{}, err
	}
	return moneyFigures{In: s.Income, Out: s.Expense, Donations: s.Donations}, nil
}
