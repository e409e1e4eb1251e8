package groupfund

import (
	"github.com/peduli/peduli/internal/journal"
	"github.com/peduli/peduli/internal/platform/db"
)

// Figures are a group's fund totals on a day, for the coordinators'
// rollup: exact here, suppressed where they rest on few people.
type Figures struct {
	Savers           int   // members who have ever deposited
	SavingsBalance   int64 // from the journal
	Loans            int   // loans with principal outstanding
	LoansOutstanding int64
	PAR30Amount      int64 // outstanding of loans more than 30 days late
}

// Figures computes the group's fund totals on day inside its scope.
func (s *Service) Figures(t *db.Tenant, day db.Date) (Figures, error) {
	var f Figures
	var savers int64
	if err := t.DB().Model(&SavingsTx{}).Where("tenant_id = ?", t.ID).Distinct("beneficiary_id").Count(&savers).Error; err != nil {
		return f, err
	}
	f.Savers = int(savers)
	sums, err := journal.Sums(t)
	if err != nil {
		return f, err
	}
	for _, k := range Kinds {
		f.SavingsBalance += sums[savingsAccount[k]].Credit - sums[savingsAccount[k]].Debit
	}
	p, err := s.portfolioOn(t, day)
	if err != nil {
		return f, err
	}
	f.Loans, f.LoansOutstanding, f.PAR30Amount = p.Loans, p.Outstanding, p.PAR30Amount
	return f, nil
}
