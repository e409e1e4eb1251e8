package programs

import (
	"context"
	"fmt"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/platform/httpx"
)

// MaxAttendance bounds one attendance list; no activity has more people.
const MaxAttendance = 1000

// AttendanceInput is the body of PUT …/activities/{id}/attendance: the
// whole set of beneficiaries present, replacing what was recorded.
type AttendanceInput struct {
	Present []string `json:"present" validate:"required,max=1000"`
}

// AttendanceView answers an attendance write: who was present, as ids.
type AttendanceView struct {
	ActivityID    string   `json:"activity_id"`
	Present       []string `json:"present"`
	PresentCount  int      `json:"present_count"`
	EnrolledCount int      `json:"enrolled_count"`
}

// AttendanceRow is one enrolled beneficiary and whether she was present.
type AttendanceRow struct {
	BeneficiaryID string `json:"beneficiary_id"`
	Name          string `json:"name"`
	Present       bool   `json:"present"`
}

// MarkAttendance replaces an activity's attendance in one call. Every id
// must be enrolled in the activity's program (422 naming the entry
// otherwise), so nothing is written unless the whole list is right.
func (s *Service) MarkAttendance(ctx context.Context, scope db.Scope, actor audit.Actor, activityID string, in AttendanceInput) (*AttendanceView, error) {
	if err := httpx.Validate(in); err != nil {
		return nil, err
	}
	if !db.ValidID(activityID) {
		return nil, errs.ErrNotFound
	}
	var out *AttendanceView
	err := scope.Write(ctx, func(t *db.Tenant) error {
		a, err := s.Store.Activity(t, activityID)
		if err != nil {
			return err
		}
		ids, err := uniqueIDs(in.Present)
		if err != nil {
			return err
		}
		enrolled, err := s.Store.EnrolledIn(t, a.ProgramID, ids)
		if err != nil {
			return err
		}
		v := &errs.ValidationError{}
		for i, id := range ids {
			if !enrolled[id] {
				v.Add(fmt.Sprintf("present[%d]", i), "enrolled", "is not enrolled in this activity's program")
			}
		}
		if err := v.Err(); err != nil {
			return err
		}
		if err := s.Store.ReplaceAttendance(t, a, ids, s.Now()); err != nil {
			return err
		}
		if err := audit.Record(t, actor, audit.Update, "attendance", activityID, "present"); err != nil {
			return err
		}
		members, err := s.Store.Memberships(t, a.ProgramID)
		if err != nil {
			return err
		}
		present, err := s.Store.Present(t, activityID)
		out = &AttendanceView{ActivityID: activityID, Present: present, PresentCount: len(present) + a.ErasedPresent,
			EnrolledCount: members[a.ProgramID].Members}
		return err
	})
	return out, err
}

// uniqueIDs checks each entry is an id and drops repeats.
func uniqueIDs(in []string) ([]string, error) {
	v := &errs.ValidationError{}
	seen := make(map[string]bool, len(in))
	out := make([]string, 0, len(in))
	for i, id := range in {
		if !db.ValidID(id) {
			v.Add(fmt.Sprintf("present[%d]", i), "uuid", "must be a valid id")
			continue
		}
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out, v.Err()
}

// Attendance lists everyone enrolled in the activity's program with whether
// she was present (callers need people:read: it shows names).
func (s *Service) Attendance(ctx context.Context, scope db.Scope, activityID string) ([]AttendanceRow, error) {
	if !db.ValidID(activityID) {
		return nil, errs.ErrNotFound
	}
	var out []AttendanceRow
	err := scope.Read(ctx, func(t *db.Tenant) error {
		a, err := s.Store.Activity(t, activityID)
		if err != nil {
			return err
		}
		members, err := s.Store.Members(t, a.ProgramID)
		if err != nil {
			return err
		}
		present, err := s.Store.Present(t, activityID)
		if err != nil {
			return err
		}
		here := make(map[string]bool, len(present))
		for _, id := range present {
			here[id] = true
		}
		out = make([]AttendanceRow, len(members))
		for i, m := range members {
			out[i] = AttendanceRow{BeneficiaryID: m.BeneficiaryID, Name: m.Name, Present: here[m.BeneficiaryID]}
		}
		return nil
	})
	return out, err
}
