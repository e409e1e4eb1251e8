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
	var loans []Loan
	if err := t.DB().Where("tenant_id = ? AND disbursed_on <= ?", t.ID, day).Find(&loans).Error; err != nil {
		return f, err
	}
	off, err := writtenOffSet(t)
	if err != nil {
		return f, err
	}
	for i := range loans {
		if off[loans[i].ID] {
			continue
		}
		reps, ok, err := s.openLoan(t, &loans[i])
		if err != nil {
			return f, err
		}
		if !ok {
			continue
		}
		st := standOn(loans[i].Schedule(), paidBy(reps, day), day)
		if st.Outstanding == 0 {
			continue
		}
		f.Loans++
		f.LoansOutstanding += st.Outstanding
		if st.DaysLate > 30 {
			f.PAR30Amount += st.Outstanding
		}
	}
	return f, nil
}
