package programs

import (
	"errors"
	"fmt"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/registry"
)

// Member is an enrolled beneficiary as lists show her: name, no personal data.
type Member struct {
	EnrollmentID  string  `json:"id" gorm:"column:enrollment_id"`
	BeneficiaryID string  `json:"beneficiary_id"`
	Name          string  `json:"name"`
	EnrolledOn    db.Date `json:"enrolled_on"`
}

// Enrollment returns the beneficiary's enrollment in a program, current or withdrawn.
func (s *Store) Enrollment(t *db.Tenant, programID, beneficiaryID string) (*Enrollment, error) {
	var e Enrollment
	err := t.DB().Where("tenant_id = ? AND program_id = ? AND beneficiary_id = ?", t.ID, programID, beneficiaryID).Take(&e).Error
	if db.IsNotFound(err) {
		return nil, errs.ErrNotFound
	}
	return &e, err
}

// ActiveBeneficiary reports whether the tenant has a beneficiary with id
// that is not deleted; deleted and erased records cannot join anything.
// The registry owns beneficiaries and answers.
func (s *Store) ActiveBeneficiary(t *db.Tenant, id string) error {
	if err := registry.Active(t, id); err != nil {
		if errors.Is(err, errs.ErrNotFound) {
			return err
		}
		return fmt.Errorf("programs: active beneficiary: %w", err)
	}
	return nil
}

// Members lists a program's current members (not withdrawn, not deleted), by name.
func (s *Store) Members(t *db.Tenant, programID string) ([]Member, error) {
	out := []Member{}
	err := t.DB().Table("program_enrollments AS e").
		Select("e.id AS enrollment_id, e.beneficiary_id, b.name, e.enrolled_on").
		Joins("JOIN (?) b ON b.tenant_id = e.tenant_id AND b.id = e.beneficiary_id", registry.ActiveRows(t)).
		Where("e.tenant_id = ? AND e.program_id = ? AND e.withdrawn_on IS NULL", t.ID, programID).
		Order("b.name, e.id").Scan(&out).Error
	return out, err
}

// EnrolledIn returns which of ids are current members of the program.
func (s *Store) EnrolledIn(t *db.Tenant, programID string, ids []string) (map[string]bool, error) {
	var found []string
	out := map[string]bool{}
	if len(ids) == 0 {
		return out, nil
	}
	err := t.DB().Table("program_enrollments AS e").Select("e.beneficiary_id").
		Joins("JOIN (?) b ON b.tenant_id = e.tenant_id AND b.id = e.beneficiary_id", registry.ActiveRows(t)).
		Where("e.tenant_id = ? AND e.program_id = ? AND e.beneficiary_id IN ? AND e.withdrawn_on IS NULL",
			t.ID, programID, ids).
		Pluck("e.beneficiary_id", &found).Error
	for _, id := range found {
		out[id] = true
	}
	return out, err
}
