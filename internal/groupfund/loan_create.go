package groupfund

import (
	"context"
	"fmt"
	"math"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/journal"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/platform/httpx"
	"github.com/peduli/peduli/internal/registry"
)

// LoanInput is the body of POST …/loans. fee_percent_per_month is the
// monthly service fee (jasa) in percent, e.g. 1.5.
type LoanInput struct {
	BeneficiaryID      string   `json:"beneficiary_id" validate:"required,max=36"`
	Principal          int64    `json:"principal" validate:"required,gt=0,lte=1000000000000000"`
	FeePercentPerMonth *float64 `json:"fee_percent_per_month" validate:"required,gte=0,lte=10"`
	TermMonths         int      `json:"term_months" validate:"required,gte=1,lte=60"`
	Method             string   `json:"method" validate:"required,oneof=flat declining"`
	DisbursedOn        string   `json:"disbursed_on" validate:"required,max=10"`
}

// LoanView is a loan as the API shows it; Standing is on the day asked.
type LoanView struct {
	ID                 string         `json:"id"`
	BeneficiaryID      string         `json:"beneficiary_id"`
	Principal          int64          `json:"principal"`
	FeePercentPerMonth float64        `json:"fee_percent_per_month"`
	TermMonths         int            `json:"term_months"`
	Method             string         `json:"method"`
	DisbursedOn        db.Date        `json:"disbursed_on"`
	ReceiptNo          string         `json:"receipt_no"`
	Schedule           []Installment  `json:"schedule"`
	Repayments         []RepaymentRow `json:"repayments"`
	Outstanding        int64          `json:"outstanding"`
	FeesOwed           int64          `json:"fees_owed"`
	DaysLate           int            `json:"days_late"`
	Class              string         `json:"class"`
	AsOf               db.Date        `json:"as_of"`
	WrittenOff         bool           `json:"written_off"`
	Reschedules        []Reschedule   `json:"reschedules"`
}

// RepaymentRow is a repayment in a loan's view.
type RepaymentRow struct {
	ID        string  `json:"id"`
	Amount    int64   `json:"amount"`
	PaidOn    db.Date `json:"paid_on"`
	ReceiptNo string  `json:"receipt_no"`
}

func (l *Loan) view(reps []Repayment, asOf db.Date) *LoanView {
	sched := l.Schedule()
	st := standOn(sched, paidBy(reps, asOf), asOf)
	v := &LoanView{ID: l.ID, BeneficiaryID: l.BeneficiaryID, Principal: l.Principal,
		FeePercentPerMonth: float64(l.FeeBP) / 100, TermMonths: l.TermMonths, Method: l.Method,
		DisbursedOn: l.DisbursedOn, ReceiptNo: l.ReceiptNo, Schedule: sched, Repayments: []RepaymentRow{},
		Outstanding: st.Outstanding, FeesOwed: st.FeesOwed, DaysLate: st.DaysLate, Class: ClassOf(st.DaysLate), AsOf: asOf,
		Reschedules: append([]Reschedule{}, l.reschedules...)}
	for _, r := range reps {
		v.Repayments = append(v.Repayments, RepaymentRow{ID: r.ID, Amount: r.Amount, PaidOn: r.PaidOn, ReceiptNo: r.ReceiptNo})
	}
	return v
}

// CreateLoan lends a member money from the group's cash: never more than
// the cash the journal holds.
func (s *Service) CreateLoan(ctx context.Context, scope db.Scope, actor audit.Actor, in LoanInput) (*LoanView, error) {
	if err := httpx.Validate(in); err != nil {
		return nil, err
	}
	on, err := s.payDay("disbursed_on", in.DisbursedOn)
	if err != nil {
		return nil, err
	}
	feeBP := int(math.Round(*in.FeePercentPerMonth * 100))
	if in.Principal < int64(in.TermMonths)*rupiah {
		return nil, errs.Invalid("principal", "gte", "must be at least Rp 1 per month of the term")
	}
	var out *LoanView
	err = s.moneyWrite(ctx, scope, func(t *db.Tenant, key registry.Key) error {
		if err := registry.Active(t, in.BeneficiaryID); err != nil {
			return errs.Invalid("beneficiary_id", "exists", "must be a member of this group")
		}
		cash, err := journal.Balance(t, journal.Cash)
		if err != nil {
			return err
		}
		if in.Principal > cash {
			return errs.Conflict("insufficient_cash", "the group does not hold this much cash")
		}
		now := s.Now()
		l := &Loan{TenantID: t.ID, ID: db.NewID(), BeneficiaryID: in.BeneficiaryID, KeyVersion: key.Version,
			FeeBP: feeBP, TermMonths: in.TermMonths, Method: in.Method, DisbursedOn: on, CreatedAt: now, Principal: in.Principal}
		l.PrincipalSealed = sealAmount(key, in.Principal, loanAAD(l.ID))
		if actor.UserID != "" {
			l.CreatedBy = &actor.UserID
		}
		if l.ReceiptNo, err = nextReceipt(t, "loans", on.Time().Year()); err != nil {
			return err
		}
		entry, err := journal.Post(t, actor, journal.Posting{OccurredOn: on, Source: "loan_disbursement", SourceID: l.ID,
			Memo: l.ReceiptNo, Lines: []journal.Line{journal.Debit(journal.LoansReceivable, in.Principal),
				journal.Credit(journal.Cash, in.Principal)}}, now)
		if err != nil {
			return err
		}
		l.EntryID = entry.ID
		if err := t.DB().Create(l).Error; err != nil {
			return fmt.Errorf("groupfund: loan: %w", err)
		}
		out = l.view(nil, on)
		return audit.Record(t, actor, audit.Create, "loan", l.ID, "beneficiary_id", "principal", "fee_percent_per_month",
			"term_months", "method", "disbursed_on")
	})
	return out, err
}
