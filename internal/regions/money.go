package regions

import "github.com/peduli/peduli/internal/platform/db"

// moneyFigures are a group's ledger totals in IDR minor units.
type moneyFigures struct {
	In, Out, Donations int64
}

// money sums the group's ledger between from and to (exclusive), or over
// all time when from is empty. Corrections and refunds are negated rows,
// so plain sums are the net amounts.
func money(t *db.Tenant, from, to Day) (moneyFigures, error) {
	var m moneyFigures
	where, args := "tenant_id = ?", []any{t.ID}
	if from != "" {
		where, args = where+" AND occurred_on >= ? AND occurred_on < ?", append(args, from, to)
	}
	err := t.DB().Raw(`SELECT
			coalesce(sum(CASE WHEN kind = 'income' THEN amount ELSE 0 END), 0),
			coalesce(sum(CASE WHEN kind = 'expense' THEN amount ELSE 0 END), 0),
			coalesce(sum(CASE WHEN kind = 'income' AND donation_id IS NOT NULL THEN amount ELSE 0 END), 0)
		FROM ledger_entries WHERE `+where, args...).Row().Scan(&m.In, &m.Out, &m.Donations)
	return m, err
}
