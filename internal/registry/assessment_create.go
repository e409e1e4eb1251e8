package registry

import (
	"context"
	"encoding/json"
	"time"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/platform/httpx"
	"github.com/peduli/peduli/internal/platform/sealed"
)

// Assess records a PRSE assessment of a beneficiary. Facts come from her
// record — age from her birth date, income against the minimum wage of the
// group's region (regionCode) for the assessment year, marital status,
// household head as breadwinner, dependents, disability, education — and
// in may override or add any of them. The result is computed by Assess,
// never typed in; her record keeps the latest eligible_prse.
func (s *Service) Assess(ctx context.Context, scope db.Scope, actor audit.Actor, regionCode, id string, in AssessInput) (AssessmentView, error) {
	on, err := s.checkAssess(in)
	if err != nil {
		return AssessmentView{}, err
	}
	wage, err := s.Wages.MinimumWage(ctx, regionCode, on.Year())
	if err != nil {
		return AssessmentView{}, err
	}
	var out AssessmentView
	err = s.Keys.WithCurrent(ctx, scope, func(key Key) error {
		return scope.Write(ctx, func(t *db.Tenant) error {
			b, err := lockLive(t, key.Version, id)
			if err != nil {
				return err
			}
			p, err := s.open(t, b)
			if isUnreadable(err) {
				return errUnreadable
			}
			if err != nil {
				return err
			}
			f, fv := assessFacts(b, p, in, wage)
			res := Assess(f, on)
			a := &Assessment{TenantID: t.ID, ID: db.NewID(), BeneficiaryID: b.ID, KeyVersion: key.Version,
				EligiblePRSE: res.Eligible, AssessedOn: db.Date(on.Format(time.DateOnly)), CreatedAt: s.Now()}
			if !f.BirthDate.IsZero() {
				a.Age = &res.Age
			}
			if actor.UserID != "" {
				a.AssessedBy = &actor.UserID
			}
			reasons := reasonViews(res.Reasons)
			a.FactsSealed = sealed.SealString(key.DK, marshal(sealedFacts{Facts: fv, Reasons: reasons}), aad("assessments", "facts", a.ID))
			if err := t.DB().Create(a).Error; err != nil {
				return err
			}
			if err := t.DB().Model(&Beneficiary{}).Where("tenant_id = ? AND id = ?", t.ID, b.ID).
				Update("eligible_prse", res.Eligible).Error; err != nil {
				return err
			}
			out = assessmentView(a, &sealedFacts{Facts: fv, Reasons: reasons})
			return audit.Record(t, actor, audit.Create, EntityAssessment, a.ID, assessFields(in)...)
		})
	})
	return out, err
}

// CheckAssess validates in as Assess would, writing nothing (for a page
// that could not read one of its fields).
func (s *Service) CheckAssess(in AssessInput) error {
	_, err := s.checkAssess(in)
	return err
}

// checkAssess validates in, every invalid field in one answer, and returns
// the assessment date (default today).
func (s *Service) checkAssess(in AssessInput) (time.Time, error) {
	tags := &errs.ValidationError{}
	if err := tags.Also(httpx.Validate(in)); err != nil {
		return time.Time{}, err
	}
	v := &errs.ValidationError{}
	today := s.today()
	on := today
	if in.AssessedOn != nil {
		d, err := time.Parse(time.DateOnly, *in.AssessedOn)
		switch {
		case err != nil:
			v.Add("assessed_on", "date", "must be a date in the form YYYY-MM-DD")
		case d.After(today):
			v.Add("assessed_on", "date", "must not be in the future")
		default:
			on = d
		}
	}
	if in.BirthDate != nil {
		if _, err := parseBirthDate(*in.BirthDate, today); err != nil {
			v.Add("birth_date", "date", err.Error())
		}
	}
	if in.MaritalStatus != nil && !oneOf(*in.MaritalStatus, MaritalStatuses) {
		v.Add("marital_status", "oneof", "must be one of: single, married, widowed, divorced, abandoned")
	}
	if in.Education != nil && !oneOf(*in.Education, EducationLevels) {
		v.Add("education", "oneof", "must be one of: none, primary, junior, senior, higher")
	}
	if err := tags.Also(v.Err()); err != nil {
		return time.Time{}, err
	}
	return on, tags.Err()
}

// assessFacts merges her record with the body's overrides.
func assessFacts(b *Beneficiary, p Personal, in AssessInput, wage int64) (Facts, FactsView) {
	fv := FactsView{BirthDate: strPtr(p.BirthDate), Female: b.Female, MaritalStatus: b.MaritalStatus,
		MonthlyIncome: p.MonthlyIncome, HouseholdHead: b.HouseholdHead, Dependents: b.Dependents,
		Education: b.Education}
	if p.Disability != nil {
		fv.Disability = *p.Disability
	}
	if wage > 0 {
		fv.MinimumWage = &wage
	}
	if in.BirthDate != nil {
		fv.BirthDate = in.BirthDate
	}
	if in.Female != nil {
		fv.Female = *in.Female
	}
	if in.MaritalStatus != nil {
		fv.MaritalStatus = *in.MaritalStatus
	}
	if in.MonthlyIncome != nil {
		fv.MonthlyIncome = in.MonthlyIncome
	}
	if in.HouseholdHead != nil {
		fv.HouseholdHead = *in.HouseholdHead
	}
	if in.Dependents != nil {
		fv.Dependents = *in.Dependents
	}
	if in.Disability != nil {
		fv.Disability = *in.Disability
	}
	if in.Education != nil {
		fv.Education = *in.Education
	}
	f := Facts{Female: fv.Female, MaritalStatus: fv.MaritalStatus, MinimumWage: wage,
		Breadwinner: fv.HouseholdHead, Dependents: fv.Dependents, Disability: fv.Disability, Education: fv.Education}
	if fv.BirthDate != nil {
		f.BirthDate, _ = time.Parse(time.DateOnly, *fv.BirthDate)
	}
	if fv.MonthlyIncome != nil {
		f.IncomeKnown, f.MonthlyIncome = true, *fv.MonthlyIncome
	}
	return f, fv
}

// assessFields names the facts the body supplied, for the audit log.
func assessFields(in AssessInput) []string {
	raw, _ := json.Marshal(in)
	var m map[string]any
	_ = json.Unmarshal(raw, &m)
	out := []string{"eligible_prse"}
	for _, k := range []string{"assessed_on", "birth_date", "female", "marital_status", "monthly_income",
		"household_head", "dependents", "disability", "education"} {
		if m[k] != nil {
			out = append(out, k)
		}
	}
	return out
}

// assessmentView shows a, with its facts when they could be opened.
func assessmentView(a *Assessment, f *sealedFacts) AssessmentView {
	v := AssessmentView{ID: a.ID, BeneficiaryID: a.BeneficiaryID, EligiblePRSE: a.EligiblePRSE, Age: a.Age,
		Reasons: []ReasonView{}, AssessedOn: string(a.AssessedOn), AssessedBy: a.AssessedBy, CreatedAt: a.CreatedAt}
	if f != nil {
		fv := f.Facts
		v.Facts, v.Reasons = &fv, f.Reasons
	}
	return v
}
