package groupfund

import (
	"context"
	"strings"
	"time"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/journal"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/platform/httpx"
)

// Reschedule is one row of loan_reschedules.
type Reschedule struct {
	TenantID    string    `gorm:"primaryKey" json:"-"`
	LoanID      string    `gorm:"primaryKey" json:"-"`
	Seq         int       `gorm:"primaryKey" json:"seq"`
	EffectiveOn db.Date   `json:"effective_on"`
	TermMonths  int       `json:"term_months"`
	Note        string    `json:"note"`
	CreatedBy   *string   `json:"-"`
	CreatedAt   time.Time `json:"created_at"`
}

// TableName is loan_reschedules.
func (Reschedule) TableName() string { return "loan_reschedules" }

// RescheduleInput is the body of POST …/loans/{id}/reschedule.
type RescheduleInput struct {
	EffectiveOn string `json:"effective_on" validate:"required,max=10"`
	TermMonths  int    `json:"term_months" validate:"required,gte=1,lte=60"`
	Note        string `json:"note" validate:"required,max=2000"`
}

// rescheduled applies a reschedule to a schedule: the installments the
// repayments made by its day (paid) settle stay as they were (a partly
// paid one shrinks to what was paid), and the principal still owed is
// spread over the new term from that day, its fees by the loan's method.
// Fees of the old schedule not yet paid are not carried over.
func rescheduled(sched []Installment, paid int64, r Reschedule, feeBP int, method string) []Installment {
	var out []Installment
	var total, settled int64
	for _, in := range sched {
		total += in.Principal
	}
	for _, in := range sched {
		if paid <= 0 {
			break
		}
		if paid >= in.Fee+in.Principal {
			out = append(out, in)
			settled += in.Principal
			paid -= in.Fee + in.Principal
			continue
		}
		fee := min(paid, in.Fee)
		out = append(out, Installment{DueOn: in.DueOn, Fee: fee, Principal: paid - fee})
		settled += paid - fee
		paid = 0
	}
	if left := total - settled; left > 0 {
		out = append(out, Schedule(left, feeBP, r.TermMonths, method, r.EffectiveOn)...)
	}
	for i := range out {
		out[i].No = i + 1
	}
	return out
}

// RescheduleLoan spreads what a member still owes over a new term from a
// day, with a note. Repayments dated before that day can no longer be
// recorded afterwards (they would change what the reschedule settled).
func (s *Service) RescheduleLoan(ctx context.Context, scope db.Scope, actor audit.Actor, loanID string, in RescheduleInput) (*LoanView, error) {
	if err := httpx.Validate(in); err != nil {
		return nil, err
	}
	on, err := s.payDay("effective_on", in.EffectiveOn)
	if err != nil {
		return nil, err
	}
	note := strings.TrimSpace(in.Note)
	if note == "" {
		return nil, errs.Invalid("note", "required", "is required")
	}
	var out *LoanView
	err = scope.Write(ctx, func(t *db.Tenant) error {
		if err := journal.Lock(t); err != nil {
			return err
		}
		l, err := findLoan(t, loanID)
		if err != nil {
			return err
		}
		if off, err := writtenOff(t, l.ID); err != nil {
			return err
		} else if off {
			return errs.Conflict("loan_written_off", "this loan has been written off")
		}
		reps, ok, err := s.openLoan(t, l)
		if err != nil {
			return err
		}
		if !ok {
			return errs.Conflict("loan_unreadable", "this loan's amounts were erased")
		}
		if on < l.DisbursedOn || (len(l.reschedules) > 0 && on < l.reschedules[len(l.reschedules)-1].EffectiveOn) {
			return errs.Invalid("effective_on", "after", "must not be before the loan or its last reschedule")
		}
		for _, r := range reps {
			if r.PaidOn > on {
				return errs.Invalid("effective_on", "after", "must not be before a repayment already recorded")
			}
		}
		if st := standOn(l.Schedule(), paidBy(reps, on), on); st.Outstanding == 0 {
			return errs.Conflict("loan_settled", "this loan owes no principal")
		}
		r := Reschedule{TenantID: t.ID, LoanID: l.ID, Seq: len(l.reschedules) + 1, EffectiveOn: on, TermMonths: in.TermMonths,
			Note: note, CreatedAt: s.Now()}
		if actor.UserID != "" {
			r.CreatedBy = &actor.UserID
		}
		if err := t.DB().Create(&r).Error; err != nil {
			return err
		}
		l.reschedules = append(l.reschedules, r)
		out = l.view(reps, on)
		return audit.Record(t, actor, "reschedule", "loan", l.ID, "effective_on", "term_months", "note")
	})
	return out, err
}
