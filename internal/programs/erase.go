package programs

import (
	"github.com/peduli/peduli/internal/platform/clock"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/registry"
)

// errErased refuses new measurements or enrolments of an erased woman:
// nothing personal may be tied to her record again.
var errErased = errs.Conflict("erased", "this beneficiary's personal data was erased")

// ErasureTables names the program tables that reference beneficiaries.
func (s *Service) ErasureTables() []string {
	return []string{"program_enrollments", "activity_attendance", "outcomes"}
}

// EraseBeneficiary destroys what programs hold about a woman who asked to
// be erased; the registry calls it inside the erasure's transaction.
//   - outcomes (her income and other measurements) are deleted;
//   - attendance rows are deleted, each activity keeping her presence as
//     an anonymous count (erased_present), so head counts stay right;
//   - enrollments stay, for membership counts, and end today: she is no
//     longer followed, so nothing new can be tied to her.
func (s *Service) EraseBeneficiary(t *db.Tenant, beneficiaryID string) ([]registry.Erased, error) {
	q := t.DB()
	var activities []string
	if err := q.Model(&Attendance{}).Where("tenant_id = ? AND beneficiary_id = ?", t.ID, beneficiaryID).
		Pluck("activity_id", &activities).Error; err != nil {
		return nil, err
	}
	if len(activities) > 0 {
		if err := q.Exec("UPDATE program_activities SET erased_present = erased_present + 1 WHERE tenant_id = ? AND id IN ?",
			t.ID, activities).Error; err != nil {
			return nil, err
		}
		if err := q.Where("tenant_id = ? AND beneficiary_id = ?", t.ID, beneficiaryID).Delete(&Attendance{}).Error; err != nil {
			return nil, err
		}
	}
	outcomes := q.Where("tenant_id = ? AND beneficiary_id = ?", t.ID, beneficiaryID).Delete(&Outcome{})
	if outcomes.Error != nil {
		return nil, outcomes.Error
	}
	ended := q.Model(&Enrollment{}).Where("tenant_id = ? AND beneficiary_id = ? AND withdrawn_on IS NULL", t.ID, beneficiaryID).
		Update("withdrawn_on", clock.Today(s.Now(), clock.Zone))
	if ended.Error != nil {
		return nil, ended.Error
	}
	return []registry.Erased{
		{Kind: "outcomes", Count: int(outcomes.RowsAffected)},
		{Kind: "attendance", Count: len(activities)},
		{Kind: "enrollments_ended", Count: int(ended.RowsAffected)},
	}, nil
}

// notErased refuses a write that would tie personal data to an erased
// woman (409 erased); the registry, which owns her record, says whether
// she was erased.
func (s *Store) notErased(t *db.Tenant, beneficiaryID string) error {
	erased, err := registry.IsErased(t, beneficiaryID)
	if err == nil && erased {
		return errErased
	}
	return err
}
