package groupfund

import (
	"context"
	"fmt"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/journal"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/platform/httpx"
	"github.com/peduli/peduli/internal/registry"
)

// RepaymentInput is the body of POST …/loans/{id}/repayments.
type RepaymentInput struct {
	Amount int64  `json:"amount" validate:"required,gt=0,lte=1000000000000000"`
	PaidOn string `json:"paid_on" validate:"required,max=10"`
}

// RepaymentView is a recorded repayment: how it split into fee and
// principal, and what is still owed after it.
type RepaymentView struct {
	ID          string  `json:"id"`
	LoanID      string  `json:"loan_id"`
	Amount      int64   `json:"amount"`
	PaidOn      db.Date `json:"paid_on"`
	ReceiptNo   string  `json:"receipt_no"`
	Fee         int64   `json:"fee"`
	Principal   int64   `json:"principal"`
	Outstanding int64   `json:"outstanding"`
	FeesOwed    int64   `json:"fees_owed"`
}

// Repay records a repayment: partial, early or late, never more than the
// loan still owes. It pays the oldest installment's fee, then its
// principal, then the next installment's.
func (s *Service) Repay(ctx context.Context, scope db.Scope, actor audit.Actor, loanID string, in RepaymentInput) (*RepaymentView, error) {
	if err := httpx.Validate(in); err != nil {
		return nil, err
	}
	on, err := s.payDay("paid_on", in.PaidOn)
	if err != nil {
		return nil, err
	}
	var out *RepaymentView
	err = s.moneyWrite(ctx, scope, func(t *db.Tenant, key registry.Key) error {
		l, err := findLoan(t, loanID)
		if err != nil {
			return err
		}
		out, err = s.repayIn(t, key, actor, l, in.Amount, on, "amount", "paid_on")
		return err
	})
	return out, err
}

// repayIn records one repayment of loan l inside the caller's transaction
// (holding the journal lock and the key); errors name amountField and
// dateField.
func (s *Service) repayIn(t *db.Tenant, key registry.Key, actor audit.Actor, l *Loan, amount int64, on db.Date, amountField, dateField string) (*RepaymentView, error) {
	if off, err := writtenOff(t, l.ID); err != nil {
		return nil, err
	} else if off {
		return nil, errs.Conflict("loan_written_off", "this loan has been written off")
	}
	reps, ok, err := s.openLoan(t, l)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, errs.Conflict("loan_unreadable", "this loan's amounts were erased")
	}
	if on < l.DisbursedOn || (len(l.reschedules) > 0 && on < l.reschedules[len(l.reschedules)-1].EffectiveOn) {
		return nil, errs.Invalid(dateField, "after", "must not be before the loan was disbursed or last rescheduled")
	}
	sched := l.Schedule()
	var all []int64
	for _, r := range reps {
		all = append(all, r.Amount)
	}
	before := standOn(sched, all, on)
	if amount <= 0 || amount > before.Outstanding+before.FeesOwed {
		return nil, errs.Invalid(amountField, "owed", "must be positive and not more than the loan still owes")
	}
	after := standOn(sched, append(all, amount), on)
	fee, principal := after.FeesPaid-before.FeesPaid, after.PrincipalPaid-before.PrincipalPaid
	now := s.Now()
	id := db.NewID()
	r := &Repayment{TenantID: t.ID, ID: id, LoanID: l.ID, CashRecord: newCashRecord(key, amount, repaymentAAD(id), on, actor, now), Amount: amount}
	lines := []journal.Line{journal.Debit(journal.Cash, amount)}
	if principal > 0 {
		lines = append(lines, journal.Credit(journal.LoansReceivable, principal))
	}
	if fee > 0 {
		lines = append(lines, journal.Credit(journal.ServiceFeeIncome, fee))
	}
	if err := r.book(t, actor, "loans", journal.Posting{Source: "loan_repayment", SourceID: r.ID, Lines: lines}, now); err != nil {
		return nil, err
	}
	if err := t.DB().Create(r).Error; err != nil {
		return nil, fmt.Errorf("groupfund: repayment: %w", err)
	}
	if err := audit.Record(t, actor, audit.Create, "loan_repayment", r.ID, "loan_id", "amount", "paid_on"); err != nil {
		return nil, err
	}
	return &RepaymentView{ID: r.ID, LoanID: l.ID, Amount: amount, PaidOn: on, ReceiptNo: r.ReceiptNo, Fee: fee,
		Principal: principal, Outstanding: after.Outstanding, FeesOwed: after.FeesOwed}, nil
}
