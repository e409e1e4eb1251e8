package programs

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/platform/clock"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/platform/httpx"
)

// MaxOutcomeValue bounds a measurement: Rp 10 trillion in minor units, far
// above any household figure, and safe in every integer type on the way.
const MaxOutcomeValue int64 = 1_000_000_000_000_000

// OutcomeInput is the body of POST and PUT …/beneficiaries/{id}/outcomes.
// program_id may be left out when the beneficiary is enrolled in exactly
// one program that measures the indicator. value is in the indicator's
// unit; income is in IDR minor units (Rp 1 = 100).
type OutcomeInput struct {
	ProgramID string `json:"program_id" validate:"omitempty,uuid"`
	Indicator string `json:"indicator" validate:"required,max=40"`
	Period    string `json:"period" validate:"required,max=7"`
	Value     *int64 `json:"value" validate:"required,gte=0,lte=1000000000000000"`
}

// OutcomeView is a recorded measurement.
type OutcomeView struct {
	ID            string    `json:"id"`
	BeneficiaryID string    `json:"beneficiary_id"`
	ProgramID     string    `json:"program_id"`
	Indicator     string    `json:"indicator"`
	Period        string    `json:"period"`
	Value         int64     `json:"value"`
	UpdatedAt     time.Time `json:"updated_at"`
}

// RecordOutcome stores one measurement. A measurement is unique per
// beneficiary, program, indicator and period: POST (replace false) answers
// 409 outcome_exists for a second one, PUT (replace true) corrects it.
// created tells the caller whether a new row was made.
func (s *Service) RecordOutcome(ctx context.Context, scope db.Scope, actor audit.Actor, beneficiaryID string,
	in OutcomeInput, replace bool) (out *OutcomeView, created bool, err error) {
	if err := httpx.Validate(in); err != nil {
		return nil, false, err
	}
	if !db.ValidID(beneficiaryID) {
		return nil, false, errs.ErrNotFound
	}
	err = s.withKey(ctx, scope, func(key outcomeKey) error {
		return scope.Write(ctx, func(t *db.Tenant) error {
			if err := s.Store.ActiveBeneficiary(t, beneficiaryID); err != nil {
				return err
			}
			if err := s.Store.notErased(t, beneficiaryID); err != nil {
				return err
			}
			if err := checkPeriod(in.Period, s.Now()); err != nil {
				return err
			}
			p, err := s.outcomeProgram(t, beneficiaryID, in)
			if err != nil {
				return err
			}
			indicator, _ := p.Indicator(in.Indicator)
			if err := key.hold(t); err != nil {
				return err
			}
			o, isNew, err := s.Store.SaveOutcome(t, Outcome{TenantID: t.ID, ProgramID: p.ID, BeneficiaryID: beneficiaryID,
				Indicator: in.Indicator, Period: in.Period, Value: *in.Value, RecordedBy: userRef(actor)},
				indicator.Income, key, replace, s.Now())
			if err != nil {
				return err
			}
			created = isNew
			action := audit.Update
			if isNew {
				action = audit.Create
			}
			out = &OutcomeView{ID: o.ID, BeneficiaryID: beneficiaryID, ProgramID: p.ID, Indicator: o.Indicator,
				Period: o.Period, Value: *in.Value, UpdatedAt: o.UpdatedAt}
			return audit.Record(t, actor, action, "outcome", o.ID, "indicator", "period", "value")
		})
	})
	return out, created, err
}

// outcomeProgram finds the program a measurement belongs to: the one named,
// which must have the beneficiary enrolled and measure the indicator, or the
// only such program.
func (s *Service) outcomeProgram(t *db.Tenant, beneficiaryID string, in OutcomeInput) (*Program, error) {
	progs, err := s.Store.ProgramsOf(t, beneficiaryID)
	if err != nil {
		return nil, err
	}
	var matches []*Program
	for i := range progs {
		if _, ok := progs[i].Indicator(in.Indicator); !ok {
			continue
		}
		if in.ProgramID == "" || in.ProgramID == progs[i].ID {
			matches = append(matches, &progs[i])
		}
	}
	switch {
	case len(matches) == 1:
		return matches[0], nil
	case in.ProgramID != "":
		return nil, errs.Invalid("program_id", "enrolled", "the beneficiary is not enrolled in a program with this id that measures this indicator")
	case len(matches) == 0:
		return nil, errs.Invalid("indicator", "enrolled", "no program this beneficiary is enrolled in measures this indicator")
	}
	return nil, errs.Invalid("program_id", "required", "several of the beneficiary's programs measure this indicator: name one")
}

// checkPeriod accepts a month YYYY-MM from 2000 up to the group's current
// month.
func checkPeriod(period string, now time.Time) error {
	t, err := time.Parse("2006-01", period)
	switch {
	case err != nil || t.Format("2006-01") != period || t.Year() < 2000:
		return errs.Invalid("period", "month", "must be a month in the form YYYY-MM")
	case period > clock.Month(now, clock.Zone):
		return errs.Invalid("period", "past", "must not be in the future")
	}
	return nil
}

func userRef(a audit.Actor) *string {
	if a.UserID == "" {
		return nil
	}
	return &a.UserID
}

// SaveOutcome inserts a measurement, or with replace updates the one
// already recorded for the same beneficiary, program, indicator and period.
// An income measurement is sealed with key (its aad names the row id).
func (s *Store) SaveOutcome(t *db.Tenant, o Outcome, income bool, key outcomeKey, replace bool, now time.Time) (*Outcome, bool, error) {
	var old Outcome
	err := t.DB().Where("tenant_id = ? AND beneficiary_id = ? AND program_id = ? AND indicator = ? AND period = ?",
		t.ID, o.BeneficiaryID, o.ProgramID, o.Indicator, o.Period).Take(&old).Error
	switch {
	case err == nil && !replace:
		return nil, false, errs.Conflict("outcome_exists", "this period is already recorded; use PUT to correct it")
	case err == nil:
		old.Value, old.ValueSealed, old.KeyVersion, old.RecordedBy, old.UpdatedAt = o.Value, "", 0, o.RecordedBy, now
		if income {
			key.seal(&old)
		}
		err = t.DB().Model(&Outcome{}).Where("tenant_id = ? AND id = ?", t.ID, old.ID).
			Updates(map[string]any{"value": old.Value, "value_sealed": old.ValueSealed, "key_version": old.KeyVersion,
				"recorded_by": o.RecordedBy, "updated_at": now}).Error
		return &old, false, err
	case !errors.Is(err, errs.ErrNotFound) && !db.IsNotFound(err):
		return nil, false, err
	}
	o.ID, o.CreatedAt, o.UpdatedAt = db.NewID(), now, now
	if income {
		key.seal(&o)
	}
	if err := t.DB().Create(&o).Error; err != nil {
		if db.IsDuplicate(err) {
			return nil, false, errs.Conflict("outcome_exists", "this period is already recorded; use PUT to correct it")
		}
		return nil, false, fmt.Errorf("save outcome: %w", err)
	}
	return &o, true, nil
}

// ProgramsOf returns the programs a beneficiary is enrolled in.
func (s *Store) ProgramsOf(t *db.Tenant, beneficiaryID string) ([]Program, error) {
	var out []Program
	err := t.DB().Where("tenant_id = ? AND id IN (?)", t.ID,
		t.DB().Model(&Enrollment{}).Select("program_id").Where("tenant_id = ? AND beneficiary_id = ?", t.ID, beneficiaryID)).
		Order("starts_on, id").Find(&out).Error
	return out, err
}

// Outcomes returns a beneficiary's measurements, oldest period first.
func (s *Store) Outcomes(t *db.Tenant, beneficiaryID string) ([]Outcome, error) {
	var out []Outcome
	err := t.DB().Where("tenant_id = ? AND beneficiary_id = ?", t.ID, beneficiaryID).
		Order("program_id, indicator, period").Find(&out).Error
	return out, err
}

// Outcomes lists a beneficiary's measurements, by program, indicator and
// period. They include income, so it is an audited read of personal data.
func (s *Service) Outcomes(ctx context.Context, scope db.Scope, actor audit.Actor, beneficiaryID string) ([]OutcomeView, error) {
	if !db.ValidID(beneficiaryID) {
		return nil, errs.ErrNotFound
	}
	var rows []Outcome
	err := scope.Write(ctx, func(t *db.Tenant) error {
		if err := s.Store.ActiveBeneficiary(t, beneficiaryID); err != nil {
			return err
		}
		var err error
		if rows, err = s.Store.Outcomes(t, beneficiaryID); err != nil {
			return err
		}
		if rows, err = s.openOutcomes(t, rows); err != nil {
			return err
		}
		return audit.Record(t, actor, audit.ReadPersonal, "beneficiary", beneficiaryID, "outcomes")
	})
	return outcomeViews(rows), err
}
