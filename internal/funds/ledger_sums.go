package funds

import "github.com/peduli/peduli/internal/platform/db"

// Sums are a group's counted ledger totals, in IDR minor units.
type Sums struct {
	Income, Expense, Donations int64
}

// CountedSums adds up, in the caller's tenant transaction, the entries the
// ledger counts (the rule of Book.counted): an entry counts when it needs
// no approval or was approved, a reversal exactly when the entry it
// reverses counts, and host transfers move money without being income.
// Other features' figures use it so they count only what the ledger does.
// from and to (YYYY-MM-DD, to exclusive) bound the entries' dates; empty
// from means all time.
func CountedSums(tx *db.Tenant, from, to string) (Sums, error) {
	var s Sums
	where, args := "e.tenant_id = ? AND e.source <> ?", []any{tx.ID, SourceHostTransfer}
	if from != "" {
		where, args = where+" AND e.occurred_on >= ? AND e.occurred_on < ?", append(args, from, to)
	}
	err := tx.DB().Raw(`SELECT
			coalesce(sum(CASE WHEN e.kind = 'income' THEN e.amount ELSE 0 END), 0),
			coalesce(sum(CASE WHEN e.kind = 'expense' THEN e.amount ELSE 0 END), 0),
			coalesce(sum(CASE WHEN e.kind = 'income' AND e.donation_id IS NOT NULL THEN e.amount ELSE 0 END), 0)
		FROM ledger_entries e
		LEFT JOIN ledger_entries o ON o.tenant_id = e.tenant_id AND o.id = e.reverses_id
		LEFT JOIN ledger_approvals a ON a.tenant_id = e.tenant_id AND a.entry_id = coalesce(o.id, e.id)
		WHERE `+where+` AND (NOT coalesce(o.needs_approval, e.needs_approval) OR a.entry_id IS NOT NULL)`,
		args...).Row().Scan(&s.Income, &s.Expense, &s.Donations)
	return s, err
}
