package registry

import (
	"context"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/platform/db"
)

// Erase destroys a beneficiary's personal data at her request: every
// sealed field and blind index is emptied, her name is replaced, and her
// assessments lose their facts. The anonymous facts (birth year, village,
// marital status, household, education, eligibility, consent) stay, so
// counts and aggregates stay right, and so does every row that refers to
// her (enrollments, attendance). Erasing twice is harmless.
func (s *Service) Erase(ctx context.Context, scope db.Scope, actor audit.Actor, id string) (View, error) {
	var v View
	err := scope.Write(ctx, func(t *db.Tenant) error {
		b, err := loadForUpdate(t, id)
		if err != nil {
			return err
		}
		if b.ErasedAt == nil {
			now := s.Now()
			if err := t.DB().Model(&Beneficiary{}).Where("tenant_id = ? AND id = ?", t.ID, b.ID).Updates(map[string]any{
				"name": ErasedName, "nik_sealed": "", "nik_index": nil, "kk_sealed": "", "kk_index": nil,
				"birth_date_sealed": "", "phone_sealed": "", "address_sealed": "", "income_sealed": "",
				"disability_sealed": "", "occupation": "", "erased_at": now, "updated_at": now,
			}).Error; err != nil {
				return err
			}
			if err := t.DB().Model(&Assessment{}).Where("tenant_id = ? AND beneficiary_id = ?", t.ID, b.ID).
				Update("facts_sealed", "").Error; err != nil {
				return err
			}
			b.Name, b.Occupation, b.ErasedAt, b.UpdatedAt = ErasedName, "", &now, now
		}
		v = goneView(b, PersonalErased)
		return audit.Record(t, actor, ActionErase, EntityBeneficiary, b.ID,
			"name", "nik", "kk_number", "birth_date", "phone", "address", "occupation", "monthly_income", "disability", "assessments")
	})
	return v, err
}
