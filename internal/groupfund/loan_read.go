package groupfund

import (
	"gorm.io/gorm"

	"context"
	"math"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/platform/clock"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
)

// asOfDay reads an optional ?as_of= day; empty means today.
func (s *Service) asOfDay(in string) (db.Date, error) {
	if in == "" {
		return clock.Today(s.Now(), clock.Zone), nil
	}
	d, ok := db.ParseDate(in)
	if !ok {
		return "", errs.Invalid("as_of", "date", "must be a date in the form YYYY-MM-DD")
	}
	return d, nil
}

// Loan shows one loan with its schedule, repayments and standing on asOf:
// an audited read of a member's amounts.
func (s *Service) Loan(ctx context.Context, scope db.Scope, actor audit.Actor, id, asOf string) (*LoanView, error) {
	day, err := s.asOfDay(asOf)
	if err != nil {
		return nil, err
	}
	var out *LoanView
	err = scope.Write(ctx, func(t *db.Tenant) error {
		l, err := findLoan(t, id)
		if err != nil {
			return err
		}
		reps, ok, err := s.openLoan(t, l)
		if err != nil {
			return err
		}
		if !ok {
			return errs.ErrNotFound
		}
		out = l.view(reps, day)
		if out.WrittenOff, err = writtenOff(t, l.ID); err != nil {
			return err
		}
		return audit.Record(t, actor, audit.ReadPersonal, "beneficiary", l.BeneficiaryID, "loans")
	})
	return out, err
}

// Portfolio is the group's loans on a day: principal outstanding, the
// share of it at risk over 30 days (PAR30) and the outstanding per
// arrears class. Group totals only.
type Portfolio struct {
	AsOf        db.Date          `json:"as_of"`
	Loans       int              `json:"loans"`
	Outstanding int64            `json:"outstanding"`
	PAR30       float64          `json:"par30"`
	PAR30Amount int64            `json:"par30_amount"`
	Classes     map[string]int64 `json:"classes"`
}

// Portfolio computes the loan portfolio on asOf from every loan's schedule
// and the repayments made by then. Loans disbursed later, or repaid in
// full, are not in it.
func (s *Service) Portfolio(ctx context.Context, scope db.Scope, asOf string) (*Portfolio, error) {
	day, err := s.asOfDay(asOf)
	if err != nil {
		return nil, err
	}
	var p *Portfolio
	err = scope.Read(ctx, func(t *db.Tenant) error {
		p, err = s.portfolioOn(t, day)
		return err
	})
	return p, err
}

// portfolioOn computes the portfolio on day inside the caller's
// transaction: the API's portfolio and the coordinators' figures alike.
func (s *Service) portfolioOn(t *db.Tenant, day db.Date) (*Portfolio, error) {
	p := &Portfolio{AsOf: day, Classes: map[string]int64{}}
	for _, c := range Classes {
		p.Classes[c] = 0
	}
	loans, err := s.liveLoans(t, t.DB().Where("tenant_id = ? AND disbursed_on <= ?", t.ID, day))
	if err != nil {
		return nil, err
	}
	for _, l := range loans {
		st := standOn(l.Schedule(), paidBy(l.reps, day), day)
		if st.Outstanding == 0 {
			continue
		}
		p.Loans++
		p.Outstanding += st.Outstanding
		p.Classes[ClassOf(st.DaysLate)] += st.Outstanding
		if st.DaysLate > 30 {
			p.PAR30Amount += st.Outstanding
		}
	}
	if p.Outstanding > 0 {
		p.PAR30 = math.Round(float64(p.PAR30Amount)/float64(p.Outstanding)*10_000) / 10_000
	}
	return p, nil
}

// openedLoan is a loan with its amounts and repayments opened.
type openedLoan struct {
	*Loan
	reps []Repayment
}

// liveLoans returns the loans q selects that were not written off, opened;
// a loan whose amounts can no longer be read (its member erased) is left out.
func (s *Service) liveLoans(t *db.Tenant, q *gorm.DB) ([]openedLoan, error) {
	var loans []Loan
	if err := q.Find(&loans).Error; err != nil {
		return nil, err
	}
	off, err := writtenOffSet(t)
	if err != nil {
		return nil, err
	}
	out := make([]openedLoan, 0, len(loans))
	for i := range loans {
		if off[loans[i].ID] {
			continue
		}
		reps, ok, err := s.openLoan(t, &loans[i])
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, openedLoan{Loan: &loans[i], reps: reps})
		}
	}
	return out, nil
}
