package registry

import (
	"context"
	"strings"
	"time"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/platform/db"
)

// Create registers a beneficiary. Her personal fields are sealed under the
// tenant's current key; the NIK must not be registered in the tenant yet
// (409 nik_taken). The answer shows her record in full: the caller just
// typed it.
func (s *Service) Create(ctx context.Context, scope db.Scope, actor audit.Actor, in Input) (View, error) {
	c, err := check(in, true, s.today())
	if err != nil {
		return View{}, err
	}
	b, p, consent := s.build(scope.TenantID(), db.NewID(), db.NewID(), actor, c, s.Now())
	err = s.Keys.WithCurrent(ctx, scope, func(key Key) error {
		sealPersonal(b, key, p)
		return scope.Write(ctx, func(t *db.Tenant) error {
			if err := keyLive(t, key.Version); err != nil {
				return err
			}
			if err := t.DB().Create(b).Error; err != nil {
				if db.IsDuplicate(err) {
					return errNIKTaken
				}
				return err
			}
			if consent != nil {
				if err := t.DB().Create(consent).Error; err != nil {
					return err
				}
			}
			return audit.Record(t, actor, audit.Create, EntityBeneficiary, b.ID, inputFields(in)...)
		})
	})
	if err != nil {
		return View{}, err
	}
	return fullView(b, p), nil
}

// build makes the row of a new beneficiary (not yet sealed) from checked
// input, and her consent history row when the input carries consent.
func (s *Service) build(tenantID, id, consentID string, actor audit.Actor, c checked, now time.Time) (*Beneficiary, Personal, *ConsentRecord) {
	b := &Beneficiary{TenantID: tenantID, ID: id, Female: c.nik.Female, CreatedAt: now, UpdatedAt: now}
	if actor.UserID != "" {
		b.CreatedBy = &actor.UserID
	}
	p := Personal{}
	applyInput(b, &p, c)
	if p.BirthDate == "" {
		p.BirthDate = c.nik.BirthDate.Format(time.DateOnly)
		y := c.nik.BirthDate.Year()
		b.BirthYear = &y
	}
	var consent *ConsentRecord
	if c.in.Consent != nil {
		consent = s.recordConsent(b, actor, c.in.Consent.Purposes, now)
		consent.ID = consentID
	}
	return b, p, consent
}

// applyInput copies the present fields of c onto b (clear facts) and p
// (personal fields).
func applyInput(b *Beneficiary, p *Personal, c checked) {
	in := c.in
	if in.Name != nil {
		b.Name = strings.TrimSpace(*in.Name)
	}
	if c.nik != nil {
		p.NIK = c.nik.Digits
		b.Female = c.nik.Female
	}
	if c.kk != nil {
		p.KK = *c.kk
	}
	if c.phone != nil {
		p.Phone = *c.phone
	}
	if c.birthDate != nil {
		p.BirthDate = c.birthDate.Format(time.DateOnly)
		y := c.birthDate.Year()
		b.BirthYear = &y
	}
	if in.Address != nil {
		p.Address = strings.TrimSpace(*in.Address)
	}
	if in.MonthlyIncome != nil {
		v := *in.MonthlyIncome
		p.MonthlyIncome = &v
	}
	if in.Disability != nil {
		v := *in.Disability
		p.Disability = &v
	}
	setStr := func(dst *string, src *string) {
		if src != nil {
			*dst = strings.TrimSpace(*src)
		}
	}
	setStr(&b.Village, in.Village)
	setStr(&b.MaritalStatus, in.MaritalStatus)
	setStr(&b.Education, in.Education)
	setStr(&b.Occupation, in.Occupation)
	if in.HouseholdHead != nil {
		b.HouseholdHead = *in.HouseholdHead
	}
	if in.Dependents != nil {
		b.Dependents = *in.Dependents
	}
}

// recordConsent sets b's consent and returns the history row to store.
func (s *Service) recordConsent(b *Beneficiary, actor audit.Actor, purposes []string, now time.Time) *ConsentRecord {
	b.setPurposes(purposes)
	b.ConsentRecordedAt = &now
	b.ConsentRecordedBy = nil
	if actor.UserID != "" {
		b.ConsentRecordedBy = &actor.UserID
	}
	return &ConsentRecord{TenantID: b.TenantID, ID: db.NewID(), BeneficiaryID: b.ID,
		Purposes: strings.Join(b.purposes(), ","), RecordedBy: b.ConsentRecordedBy, RecordedAt: now}
}

// inputFields names the fields present in in, for the audit log.
func inputFields(in Input) []string {
	var out []string
	add := func(present bool, name string) {
		if present {
			out = append(out, name)
		}
	}
	add(in.Name != nil, "name")
	add(in.NIK != nil, "nik")
	add(in.KKNumber != nil, "kk_number")
	add(in.BirthDate != nil, "birth_date")
	add(in.Phone != nil, "phone")
	add(in.Address != nil, "address")
	add(in.Village != nil, "village")
	add(in.MaritalStatus != nil, "marital_status")
	add(in.HouseholdHead != nil, "household_head")
	add(in.Dependents != nil, "dependents")
	add(in.Education != nil, "education")
	add(in.Occupation != nil, "occupation")
	add(in.MonthlyIncome != nil, "monthly_income")
	add(in.Disability != nil, "disability")
	add(in.Consent != nil, "consent")
	return out
}
