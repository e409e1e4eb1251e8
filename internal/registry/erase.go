package registry

import (
	"context"
	"strconv"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/platform/db"
)

// Eraser is a feature that keeps personal values about a beneficiary in
// tables of its own. Erasure calls every eraser inside its transaction, so
// a woman is erased everywhere or nowhere.
type Eraser interface {
	// EraseBeneficiary removes or destroys every personal value the
	// feature holds about the beneficiary and says what it erased, by
	// kind. It runs on every erasure request, so it must be harmless when
	// there is nothing left to erase.
	EraseBeneficiary(t *db.Tenant, beneficiaryID string) ([]Erased, error)
	// ErasureTables names the feature's tables that reference
	// beneficiaries; a test requires every such table of the schema to be
	// named by some eraser.
	ErasureTables() []string
}

// Erased is how many records of one kind an erasure destroyed.
type Erased struct {
	Kind  string
	Count int
}

// ownErasureTables are the registry's tables that reference a
// beneficiary: her record (personal fields destroyed, anonymous facts
// kept), her assessments (facts destroyed, the computed result kept) and
// her consent history (kept: which purposes she agreed to and when is the
// proof that processing was lawful; it holds no personal value).
var ownErasureTables = []string{"beneficiaries", "assessments", "beneficiary_consents"}

// ErasureTables lists every table erasure handles: the registry's own and
// those of every eraser.
func (s *Service) ErasureTables() []string {
	out := append([]string(nil), ownErasureTables...)
	for _, e := range s.Erasers {
		out = append(out, e.ErasureTables()...)
	}
	return out
}

// Erase destroys a beneficiary's personal data at her request: every
// sealed field and blind index is emptied, her name is replaced, her
// assessments lose their facts, and every eraser (programs: outcomes,
// attendance, enrollments) destroys what it holds about her. The anonymous
// facts (birth year, village, marital status, household, education,
// eligibility, consent) stay, so counts and aggregates stay right.
// Erasing twice is harmless. The audit entry names the fields and, per
// kind, how many records were erased — never a value.
func (s *Service) Erase(ctx context.Context, scope db.Scope, actor audit.Actor, id string) (View, error) {
	var v View
	err := scope.Write(ctx, func(t *db.Tenant) error {
		b, err := loadForUpdate(t, id)
		if err != nil {
			return err
		}
		fields := []string{"name", "nik", "kk_number", "birth_date", "phone", "address", "occupation", "monthly_income", "disability"}
		if b.ErasedAt == nil {
			now := s.Now()
			if err := t.DB().Model(&Beneficiary{}).Where("tenant_id = ? AND id = ?", t.ID, b.ID).Updates(map[string]any{
				"name": ErasedName, "nik_sealed": "", "nik_index": nil, "kk_sealed": "", "kk_index": nil,
				"birth_date_sealed": "", "phone_sealed": "", "address_sealed": "", "income_sealed": "",
				"disability_sealed": "", "occupation": "", "erased_at": now, "updated_at": now,
			}).Error; err != nil {
				return err
			}
			b.Name, b.Occupation, b.ErasedAt, b.UpdatedAt = ErasedName, "", &now, now
		}
		res := t.DB().Model(&Assessment{}).Where("tenant_id = ? AND beneficiary_id = ? AND facts_sealed <> ''", t.ID, b.ID).
			Update("facts_sealed", "")
		if res.Error != nil {
			return res.Error
		}
		erased := []Erased{{Kind: "assessments", Count: int(res.RowsAffected)}}
		for _, e := range s.Erasers {
			more, err := e.EraseBeneficiary(t, b.ID)
			if err != nil {
				return err
			}
			erased = append(erased, more...)
		}
		for _, x := range erased {
			fields = append(fields, x.Kind+":"+strconv.Itoa(x.Count))
		}
		v = goneView(b, PersonalErased)
		return audit.Record(t, actor, ActionErase, EntityBeneficiary, b.ID, fields...)
	})
	return v, err
}

// IsErased reports, inside t, whether the beneficiary's personal data was
// erased, so that other features refuse to tie anything personal to her
// again.
func IsErased(t *db.Tenant, beneficiaryID string) (bool, error) {
	var n int64
	err := t.DB().Model(&Beneficiary{}).Where("tenant_id = ? AND id = ? AND erased_at IS NOT NULL", t.ID, beneficiaryID).
		Count(&n).Error
	return n > 0, err
}
