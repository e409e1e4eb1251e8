package groupfund

import (
	"fmt"
	"time"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/registry"
)

// Loan is one row of loans; Principal is clear only in memory.
type Loan struct {
	TenantID        string `gorm:"primaryKey"`
	ID              string `gorm:"primaryKey"`
	BeneficiaryID   string
	PrincipalSealed string
	KeyVersion      int
	FeeBP           int `gorm:"column:fee_bp"`
	TermMonths      int
	Method          string
	DisbursedOn     db.Date
	ReceiptNo       string
	EntryID         string
	CreatedBy       *string
	CreatedAt       time.Time
	Principal       int64 `gorm:"-"`
	// reschedules and repaid are read by openLoan; Schedule uses them.
	reschedules []Reschedule
	repaid      []Repayment
}

// TableName is loans.
func (Loan) TableName() string { return "loans" }

// Repayment is one row of loan_repayments; Amount is clear only in memory.
type Repayment struct {
	TenantID string `gorm:"primaryKey"`
	ID       string `gorm:"primaryKey"`
	LoanID   string
	CashRecord
	Amount int64 `gorm:"-"`
}

// TableName is loan_repayments.
func (Repayment) TableName() string { return "loan_repayments" }

func loanAAD(id string) string      { return "loans.principal:" + id }
func repaymentAAD(id string) string { return "loan_repayments.amount:" + id }

// Schedule is the loan's installments: from its terms, then each
// reschedule in turn (openLoan must have read the loan).
func (l *Loan) Schedule() []Installment {
	sched := Schedule(l.Principal, l.FeeBP, l.TermMonths, l.Method, l.DisbursedOn)
	for _, r := range l.reschedules {
		var paid int64
		for _, a := range paidBy(l.repaid, r.EffectiveOn) {
			paid += a
		}
		sched = rescheduled(sched, paid, r, l.FeeBP, l.Method)
	}
	return sched
}

// openLoan reads a loan and its repayments, oldest first, opened. A loan
// whose amounts can no longer be read (erased, key destroyed) is ok=false.
func (s *Service) openLoan(t *db.Tenant, l *Loan) (reps []Repayment, ok bool, err error) {
	p, ok, err := s.openAmount(t, l.PrincipalSealed, l.KeyVersion, loanAAD(l.ID))
	if err != nil || !ok {
		return nil, false, err
	}
	l.Principal = p
	if err := t.DB().Where("tenant_id = ? AND loan_id = ?", t.ID, l.ID).Order("paid_on, created_at, id").Find(&reps).Error; err != nil {
		return nil, false, err
	}
	out := reps[:0]
	for _, r := range reps {
		v, ok, err := s.openAmount(t, r.AmountSealed, r.KeyVersion, repaymentAAD(r.ID))
		if err != nil {
			return nil, false, err
		}
		if ok {
			r.Amount = v
			out = append(out, r)
		}
	}
	if err := t.DB().Where("tenant_id = ? AND loan_id = ?", t.ID, l.ID).Order("seq").Find(&l.reschedules).Error; err != nil {
		return nil, false, err
	}
	l.repaid = out
	return out, true, nil
}

// findLoan returns the tenant's loan with id, of a beneficiary not deleted.
func findLoan(t *db.Tenant, id string) (*Loan, error) {
	if !db.ValidID(id) {
		return nil, errs.ErrNotFound
	}
	var l Loan
	err := t.DB().Where("tenant_id = ? AND id = ?", t.ID, id).Take(&l).Error
	if db.IsNotFound(err) {
		return nil, errs.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("groupfund: loan: %w", err)
	}
	return &l, registry.Active(t, l.BeneficiaryID)
}

// paidBy returns the amounts of the repayments made on or before day.
func paidBy(reps []Repayment, day db.Date) []int64 {
	var out []int64
	for _, r := range reps {
		if r.PaidOn <= day {
			out = append(out, r.Amount)
		}
	}
	return out
}
