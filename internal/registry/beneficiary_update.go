package registry

import (
	"context"
	"slices"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/platform/db"
)

// Update changes the fields present in in, re-sealing her personal fields
// under the tenant's current key. The audit log names the fields that
// really changed; a consent change is logged as its own event and kept in
// the consent history. The answer is her full record, and is audited as a
// personal read.
func (s *Service) Update(ctx context.Context, scope db.Scope, actor audit.Actor, id string, in Input) (View, error) {
	c, err := check(in, false, s.today())
	if err != nil {
		return View{}, err
	}
	var v View
	err = s.Keys.WithCurrent(ctx, scope, func(key Key) error {
		return scope.Write(ctx, func(t *db.Tenant) error {
			b, err := lockLive(t, key.Version, id)
			if err != nil {
				return err
			}
			oldP, err := s.open(t, b)
			if err != nil && !isUnreadable(err) {
				return err
			}
			// A destroyed key lost the old values; the update starts afresh.
			oldB := *b
			p := oldP
			applyInput(b, &p, c)
			fields := changedFields(&oldB, oldP, b, p)
			var consent *ConsentRecord
			if in.Consent != nil && !slices.Equal(purposesOf(in.Consent.Purposes), oldB.purposes()) {
				consent = s.recordConsent(b, actor, in.Consent.Purposes, s.Now())
			}
			if len(fields) == 0 && consent == nil {
				v = fullView(b, p)
				return audit.Record(t, actor, audit.ReadPersonal, EntityBeneficiary, b.ID)
			}
			sealPersonal(b, key, p)
			b.UpdatedAt = s.Now()
			if err := t.DB().Select("*").Where("tenant_id = ? AND id = ?", t.ID, b.ID).Updates(b).Error; err != nil {
				if db.IsDuplicate(err) {
					return errNIKTaken
				}
				return err
			}
			if len(fields) > 0 {
				if err := audit.Record(t, actor, audit.Update, EntityBeneficiary, b.ID, fields...); err != nil {
					return err
				}
			}
			if consent != nil {
				if err := t.DB().Create(consent).Error; err != nil {
					return err
				}
				if err := audit.Record(t, actor, ActionConsent, EntityBeneficiary, b.ID, "consent"); err != nil {
					return err
				}
			}
			v = fullView(b, p)
			return audit.Record(t, actor, audit.ReadPersonal, EntityBeneficiary, b.ID)
		})
	})
	return v, err
}

// purposesOf returns ps de-duplicated in display order.
func purposesOf(ps []string) []string {
	var b Beneficiary
	b.setPurposes(ps)
	return b.purposes()
}

// changedFields names the API fields whose values differ.
func changedFields(ob *Beneficiary, op Personal, nb *Beneficiary, np Personal) []string {
	var out []string
	add := func(changed bool, name string) {
		if changed {
			out = append(out, name)
		}
	}
	add(ob.Name != nb.Name, "name")
	add(op.NIK != np.NIK, "nik")
	add(op.KK != np.KK, "kk_number")
	add(op.BirthDate != np.BirthDate, "birth_date")
	add(op.Phone != np.Phone, "phone")
	add(op.Address != np.Address, "address")
	add(ob.Village != nb.Village, "village")
	add(ob.MaritalStatus != nb.MaritalStatus, "marital_status")
	add(ob.HouseholdHead != nb.HouseholdHead, "household_head")
	add(ob.Dependents != nb.Dependents, "dependents")
	add(ob.Education != nb.Education, "education")
	add(ob.Occupation != nb.Occupation, "occupation")
	add(!eqPtr(op.MonthlyIncome, np.MonthlyIncome), "monthly_income")
	add(!eqPtr(op.Disability, np.Disability), "disability")
	return out
}

func eqPtr[T comparable](a, b *T) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}
