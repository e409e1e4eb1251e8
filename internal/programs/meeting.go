package programs

import (
	"errors"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
)

// MeetingKind is the activity key a program uses for its group meetings.
const MeetingKind = "pertemuan_kelompok"

// MeetingIn records a group meeting of a program inside the caller's
// transaction (the group fund's meeting sheet writes money in the same
// one): an activity held on heldOn and the members present. members is
// everyone on the sheet; the ones not enrolled in the program come back
// in notEnrolled and nothing is written, so the caller can name their
// lines. The program must be active.
func (s *Service) MeetingIn(t *db.Tenant, actor audit.Actor, programID string, heldOn db.Date, members, present []string) (activityID string, notEnrolled []string, err error) {
	if !db.ValidID(programID) {
		return "", nil, errs.Invalid("program_id", "exists", "must be a program of this group")
	}
	p, err := s.Store.Program(t, programID)
	if errors.Is(err, errs.ErrNotFound) {
		return "", nil, errs.Invalid("program_id", "exists", "must be a program of this group")
	}
	if err != nil {
		return "", nil, err
	}
	if p.Status != StatusActive {
		return "", nil, errs.Invalid("program_id", "active", "the program is closed")
	}
	enrolled, err := s.Store.EnrolledIn(t, programID, members)
	if err != nil {
		return "", nil, err
	}
	for _, id := range members {
		if !enrolled[id] {
			notEnrolled = append(notEnrolled, id)
		}
	}
	if len(notEnrolled) > 0 {
		return "", notEnrolled, nil
	}
	kind := KindOther
	if p.hasKind(MeetingKind) {
		kind = MeetingKind
	}
	a := &Activity{TenantID: t.ID, ID: db.NewID(), ProgramID: programID, Title: "Pertemuan kelompok", Kind: kind,
		HeldOn: heldOn, CreatedAt: s.Now()}
	if actor.UserID != "" {
		a.CreatedBy = &actor.UserID
	}
	if err := t.DB().Create(a).Error; err != nil {
		return "", nil, err
	}
	if err := s.Store.ReplaceAttendance(t, a, present, s.Now()); err != nil {
		return "", nil, err
	}
	if err := audit.Record(t, actor, audit.Create, "activity", a.ID, "title", "kind", "held_on"); err != nil {
		return "", nil, err
	}
	return a.ID, nil, audit.Record(t, actor, audit.Update, "attendance", a.ID, "present")
}
