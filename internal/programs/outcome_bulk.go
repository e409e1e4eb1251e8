package programs

import (
	"context"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
)

// OutcomeValue is one cell of a program's monthly sheet: a member's value
// of one indicator, in the indicator's unit (income in IDR minor units).
type OutcomeValue struct {
	BeneficiaryID string
	Indicator     string
	Value         int64
}

// RecordOutcomes records a program's sheet for one period in one
// transaction: every value is checked first, and one wrong value saves
// nothing. Existing values of the period are corrected. One audit row names
// the fields written, never their values.
func (s *Service) RecordOutcomes(ctx context.Context, scope db.Scope, actor audit.Actor, programID, period string,
	values []OutcomeValue) error {
	if !db.ValidID(programID) {
		return errs.ErrNotFound
	}
	if err := checkPeriod(period, s.Now()); err != nil {
		return err
	}
	return s.withKey(ctx, scope, func(key outcomeKey) error {
		return scope.Write(ctx, func(t *db.Tenant) error {
			p, err := s.Store.Program(t, programID)
			if err != nil {
				return err
			}
			if err := s.checkSheet(t, p, values); err != nil {
				return err
			}
			if err := key.hold(t); err != nil {
				return err
			}
			now := s.Now()
			for _, v := range values {
				in, _ := p.Indicator(v.Indicator)
				o := Outcome{TenantID: t.ID, ProgramID: p.ID, BeneficiaryID: v.BeneficiaryID,
					Indicator: v.Indicator, Period: period, Value: v.Value, RecordedBy: userRef(actor)}
				if _, _, err := s.Store.SaveOutcome(t, o, in.Income, key, true, now); err != nil {
					return err
				}
			}
			if len(values) == 0 {
				return nil
			}
			return audit.Record(t, actor, audit.Update, "program", p.ID, "outcomes.indicator", "outcomes.period", "outcomes.value")
		})
	})
}

// checkSheet accepts values of current members for the program's
// indicators, within the bounds of a measurement.
func (s *Service) checkSheet(t *db.Tenant, p *Program, values []OutcomeValue) error {
	ids := make([]string, 0, len(values))
	for _, v := range values {
		if _, ok := p.Indicator(v.Indicator); !ok {
			return errs.Invalid("indicator", "oneof", "the program does not measure this indicator")
		}
		if v.Value < 0 || v.Value > MaxOutcomeValue {
			return errs.Invalid("value", "range", "must be between 0 and the largest measurement")
		}
		if !db.ValidID(v.BeneficiaryID) {
			return errs.Invalid("beneficiary_id", "enrolled", "is not a current member of the program")
		}
		ids = append(ids, v.BeneficiaryID)
	}
	members, err := s.Store.EnrolledIn(t, p.ID, ids)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if !members[id] {
			return errs.Invalid("beneficiary_id", "enrolled", "is not a current member of the program")
		}
	}
	return nil
}

// PeriodOutcomes returns a program's measurements of one period (the
// monthly sheet). They include income, so reading them is recorded as one
// audited read of personal data for the program.
func (s *Service) PeriodOutcomes(ctx context.Context, scope db.Scope, actor audit.Actor, programID, period string) ([]OutcomeView, error) {
	if !db.ValidID(programID) {
		return nil, errs.ErrNotFound
	}
	var out []OutcomeView
	err := scope.Write(ctx, func(t *db.Tenant) error {
		if _, err := s.Store.Program(t, programID); err != nil {
			return err
		}
		var rows []Outcome
		err := t.DB().Where("tenant_id = ? AND program_id = ? AND period = ?", t.ID, programID, period).
			Order("beneficiary_id, indicator").Find(&rows).Error
		if err != nil {
			return err
		}
		if rows, err = s.openOutcomes(t, rows); err != nil {
			return err
		}
		out = outcomeViews(rows)
		if len(rows) == 0 {
			return nil
		}
		return audit.Record(t, actor, audit.ReadPersonal, "program", programID, "outcomes")
	})
	return out, err
}

// outcomeViews turns rows into their views.
func outcomeViews(rows []Outcome) []OutcomeView {
	out := make([]OutcomeView, len(rows))
	for i, o := range rows {
		out[i] = OutcomeView{ID: o.ID, BeneficiaryID: o.BeneficiaryID, ProgramID: o.ProgramID, Indicator: o.Indicator,
			Period: o.Period, Value: o.Value, UpdatedAt: o.UpdatedAt}
	}
	return out
}
