package funds

import (
	"context"
	"fmt"

	"github.com/peduli/peduli/internal/platform/db"
)

// Sums are a group's counted ledger totals, in IDR minor units.
type Sums struct {
	Income, Expense, Donations int64
}

// countedEntries is the FROM and WHERE of a sum over the entries the
// ledger counts (the rule of Book.counted): an entry counts when it needs
// no approval or was approved, a reversal exactly when the entry it
// reverses counts, and host transfers move money without being income.
// Its arguments are the tenant and SourceHostTransfer; more conditions on
// e may follow.
const countedEntries = `FROM ledger_entries e
		LEFT JOIN ledger_entries o ON o.tenant_id = e.tenant_id AND o.id = e.reverses_id
		LEFT JOIN ledger_approvals a ON a.tenant_id = e.tenant_id AND a.entry_id = coalesce(o.id, e.id)
		WHERE e.tenant_id = ? AND e.source <> ? AND (NOT coalesce(o.needs_approval, e.needs_approval) OR a.entry_id IS NOT NULL)`

// CountedSums adds up, in the caller's tenant transaction, the entries the
// ledger counts (see countedEntries). Other features' figures use it so
// they count only what the ledger does. from and to (YYYY-MM-DD, to
// exclusive) bound the entries' dates; empty from means all time.
func CountedSums(tx *db.Tenant, from, to string) (Sums, error) {
	var s Sums
	where, args := "", []any{tx.ID, SourceHostTransfer}
	if from != "" {
		where, args = " AND e.occurred_on >= ? AND e.occurred_on < ?", append(args, from, to)
	}
	err := tx.DB().Raw(`SELECT
			coalesce(sum(CASE WHEN e.kind = 'income' THEN e.amount ELSE 0 END), 0),
			coalesce(sum(CASE WHEN e.kind = 'expense' THEN e.amount ELSE 0 END), 0),
			coalesce(sum(CASE WHEN e.kind = 'income' AND e.donation_id IS NOT NULL THEN e.amount ELSE 0 END), 0)
		`+countedEntries+where, args...).Row().Scan(&s.Income, &s.Expense, &s.Donations)
	return s, err
}

// DaySums are the counted ledger totals of one day.
type DaySums struct {
	Day string // YYYY-MM-DD
	Sums
}

// CountedSumsByDay is CountedSums for each day of t's ledger that has
// counted entries, oldest first, so figures over many periods read the
// ledger once and add the days of each.
func CountedSumsByDay(tx *db.Tenant) ([]DaySums, error) {
	var rows []struct {
		Day                        db.Date
		Income, Expense, Donations int64
	}
	err := tx.DB().Raw(`SELECT e.occurred_on AS day,
			coalesce(sum(CASE WHEN e.kind = 'income' THEN e.amount ELSE 0 END), 0) AS income,
			coalesce(sum(CASE WHEN e.kind = 'expense' THEN e.amount ELSE 0 END), 0) AS expense,
			coalesce(sum(CASE WHEN e.kind = 'income' AND e.donation_id IS NOT NULL THEN e.amount ELSE 0 END), 0) AS donations
		`+countedEntries+` GROUP BY e.occurred_on ORDER BY e.occurred_on`, tx.ID, SourceHostTransfer).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("funds: counted sums by day: %w", err)
	}
	out := make([]DaySums, len(rows))
	for i, r := range rows {
		out[i] = DaySums{Day: string(r.Day), Sums: Sums{Income: r.Income, Expense: r.Expense, Donations: r.Donations}}
	}
	return out, nil
}

// PublicSummary is what a group's public page shows of its money: the
// counted income and expense of all time, and the counted income
// earmarked for each program (by program id), and what of it went to
// members' enterprises as capital assistance.
type PublicSummary struct {
	Income, Expense  int64
	ProgramEarmarked map[string]int64
	Capital          []ProgramCapital
}

// PublicSummary adds up tenantID's ledger for its public page in one
// aggregate statement, so a visit costs the same whatever the book's
// length (Book reads every entry). Capital assistance reads only the
// entries that paid for it (bookOf), whose counting is the book's rule
// (capitalByProgram). The caller has checked that the group is public
// (PublicGroup).
func (s *Service) PublicSummary(ctx context.Context, tenantID string) (PublicSummary, error) {
	out := PublicSummary{ProgramEarmarked: map[string]int64{}}
	err := s.DB.Scope(tenantID).Read(ctx, func(tx *db.Tenant) error {
		rows, err := tx.DB().Raw(`SELECT e.program_id,
				coalesce(sum(CASE WHEN e.kind = 'income' THEN e.amount ELSE 0 END), 0),
				coalesce(sum(CASE WHEN e.kind = 'expense' THEN e.amount ELSE 0 END), 0)
			`+countedEntries+` GROUP BY e.program_id`, tx.ID, SourceHostTransfer).Rows()
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var program *string
			var income, expense int64
			if err := rows.Scan(&program, &income, &expense); err != nil {
				return err
			}
			out.Income += income
			out.Expense += expense
			if program != nil && income != 0 {
				out.ProgramEarmarked[*program] = income
			}
		}
		if err := rows.Err(); err != nil {
			return err
		}
		out.Capital, err = s.publicCapital(tx)
		return err
	})
	return out, err
}

// publicCapital follows the group's capital assistance to programs, or
// answers none when the group has given none.
func (s *Service) publicCapital(tx *db.Tenant) ([]ProgramCapital, error) {
	if s.Capital == nil {
		return nil, nil
	}
	links, err := s.Capital.CapitalLinks(tx)
	if err != nil {
		return nil, fmt.Errorf("funds: capital assistance: %w", err)
	}
	if len(links) == 0 {
		return nil, nil
	}
	ids := make([]string, len(links))
	for i, l := range links {
		ids[i] = l.LedgerEntryID
	}
	b, err := bookOf(tx, ids)
	if err != nil {
		return nil, err
	}
	names, err := s.Programs.ProgramNames(tx)
	if err != nil {
		return nil, err
	}
	return b.capitalByProgram(links, names), nil
}
