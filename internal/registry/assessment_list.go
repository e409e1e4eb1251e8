package registry

import (
	"context"
	"encoding/json"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/sealed"
)

// Assessments lists a beneficiary's assessments, oldest first. With
// personal set, their facts and reasons (which reveal income and health)
// are opened and the read is audited; otherwise only the results show.
func (s *Service) Assessments(ctx context.Context, scope db.Scope, actor audit.Actor, id string, personal bool) ([]AssessmentView, error) {
	out := []AssessmentView{}
	err := readFor(scope, personal)(ctx, func(t *db.Tenant) error {
		b, err := load(t, id)
		if err != nil {
			return err
		}
		rows, err := assessmentsOf(t, b.ID)
		if err != nil {
			return err
		}
		for i := range rows {
			var f *sealedFacts
			if personal {
				f = s.openFacts(t, &rows[i])
			}
			out = append(out, assessmentView(&rows[i], f))
		}
		if !personal || len(rows) == 0 {
			return nil
		}
		return audit.Record(t, actor, audit.ReadPersonal, EntityBeneficiary, b.ID, "assessments")
	})
	return out, err
}

func assessmentsOf(t *db.Tenant, beneficiaryID string) ([]Assessment, error) {
	var rows []Assessment
	err := t.DB().Where("tenant_id = ? AND beneficiary_id = ?", t.ID, beneficiaryID).
		Order("created_at, id").Find(&rows).Error
	return rows, err
}

// openFacts opens an assessment's sealed facts, or nil when they are gone.
func (s *Service) openFacts(t *db.Tenant, a *Assessment) *sealedFacts {
	if a.FactsSealed == "" {
		return nil
	}
	dk, err := s.Keys.Version(t, a.KeyVersion)
	if err != nil {
		return nil
	}
	raw, err := sealed.OpenString(dk, a.FactsSealed, aad("assessments", "facts", a.ID))
	if err != nil {
		return nil
	}
	var f sealedFacts
	if json.Unmarshal([]byte(raw), &f) != nil {
		return nil
	}
	return &f
}
