package registry

import (
	"fmt"
	"time"

	"github.com/peduli/peduli/internal/platform/db"
)

// Counted is a woman as figures count her: her id (for the caller to match
// her attendance and outcomes), when she was registered, whether she was
// assessed eligible for PRSE and whether her personal data was erased. No
// name, number or other personal field.
type Counted struct {
	ID           string
	CreatedAt    time.Time
	EligiblePRSE bool
	Erased       bool
}

// Reportable returns the women of t who may count beyond the group: they
// consented to reporting and were not removed (reportable_beneficiaries).
func Reportable(t *db.Tenant) ([]Counted, error) {
	var out []Counted
	err := t.DB().Raw(`SELECT r.id, r.created_at, r.eligible_prse, b.erased_at IS NOT NULL AS erased
		FROM reportable_beneficiaries r JOIN beneficiaries b ON b.tenant_id = r.tenant_id AND b.id = r.id
		WHERE r.tenant_id = ? ORDER BY r.id`, t.ID).Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("registry: reportable people: %w", err)
	}
	return out, nil
}

// Served returns every woman t serves (not removed), for its own figures.
func Served(t *db.Tenant) ([]Counted, error) {
	var out []Counted
	err := t.DB().Raw(`SELECT id, created_at, eligible_prse, erased_at IS NOT NULL AS erased
		FROM beneficiaries WHERE tenant_id = ? AND deleted_at IS NULL ORDER BY id`, t.ID).Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("registry: people served: %w", err)
	}
	return out, nil
}
