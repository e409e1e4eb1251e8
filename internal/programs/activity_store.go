package programs

import (
	"time"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
)

// Activities returns a program's activities, latest first.
func (s *Store) Activities(t *db.Tenant, programID string) ([]Activity, error) {
	var out []Activity
	err := t.DB().Where("tenant_id = ? AND program_id = ?", t.ID, programID).Order("held_on DESC, id DESC").Find(&out).Error
	return out, err
}

// Activity returns one activity of the tenant.
func (s *Store) Activity(t *db.Tenant, id string) (*Activity, error) {
	var a Activity
	err := t.DB().Where("tenant_id = ? AND id = ?", t.ID, id).Take(&a).Error
	if db.IsNotFound(err) {
		return nil, errs.ErrNotFound
	}
	return &a, err
}

// PresentCounts counts who was present at each of the given activities.
// It filters by activity, not program, so the (tenant_id, activity_id, …)
// unique index answers it.
func (s *Store) PresentCounts(t *db.Tenant, activityIDs []string) (map[string]int, error) {
	out := make(map[string]int, len(activityIDs))
	if len(activityIDs) == 0 {
		return out, nil
	}
	var rows []struct {
		ActivityID string
		N          int
	}
	err := t.DB().Model(&Attendance{}).Select("activity_id, COUNT(*) AS n").
		Where("tenant_id = ? AND activity_id IN ?", t.ID, activityIDs).Group("activity_id").Scan(&rows).Error
	for _, r := range rows {
		out[r.ActivityID] = r.N
	}
	return out, err
}

// Present returns the beneficiary ids present at an activity.
func (s *Store) Present(t *db.Tenant, activityID string) ([]string, error) {
	out := []string{}
	err := t.DB().Model(&Attendance{}).Where("tenant_id = ? AND activity_id = ?", t.ID, activityID).
		Order("beneficiary_id").Pluck("beneficiary_id", &out).Error
	return out, err
}

// ReplaceAttendance makes the activity's attendance exactly ids: rows of
// people no longer listed go, new ones are added, the rest stay untouched.
func (s *Store) ReplaceAttendance(t *db.Tenant, a *Activity, ids []string, now time.Time) error {
	have, err := s.Present(t, a.ID)
	if err != nil {
		return err
	}
	want := make(map[string]bool, len(ids))
	for _, id := range ids {
		want[id] = true
	}
	var gone []string
	for _, id := range have {
		if !want[id] {
			gone = append(gone, id)
		}
		delete(want, id)
	}
	if len(gone) > 0 {
		err := t.DB().Where("tenant_id = ? AND activity_id = ? AND beneficiary_id IN ?", t.ID, a.ID, gone).
			Delete(&Attendance{}).Error
		if err != nil {
			return err
		}
	}
	rows := make([]Attendance, 0, len(want))
	for _, id := range ids {
		if want[id] {
			rows = append(rows, Attendance{TenantID: t.ID, ID: db.NewID(), ProgramID: a.ProgramID,
				ActivityID: a.ID, BeneficiaryID: id, CreatedAt: now})
		}
	}
	if len(rows) == 0 {
		return nil
	}
	return t.DB().CreateInBatches(rows, 200).Error
}
