package programs

import (
	"context"
	"errors"
	"time"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/platform/clock"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/platform/httpx"
)

// EnrollInput is the body of POST …/programs/{id}/enrollments.
type EnrollInput struct {
	BeneficiaryID string `json:"beneficiary_id" validate:"required,uuid"`
	EnrolledOn    string `json:"enrolled_on"`
}

// EnrollmentView is an enrollment as the API answers a write: ids only,
// plus the program's warnings (a KUBE outside 5–20 households).
type EnrollmentView struct {
	ID            string    `json:"id"`
	ProgramID     string    `json:"program_id"`
	BeneficiaryID string    `json:"beneficiary_id"`
	EnrolledOn    db.Date   `json:"enrolled_on"`
	CreatedAt     time.Time `json:"created_at"`
	Households    int       `json:"households"`
	Warnings      []Warning `json:"warnings"`
}

// Enroll adds a beneficiary to a program. Someone already enrolled is a
// 409; a beneficiary the tenant does not have (or has deleted) is a 404,
// like any record the caller cannot see; a closed program takes no one.
func (s *Service) Enroll(ctx context.Context, scope db.Scope, actor audit.Actor, programID string, in EnrollInput) (*EnrollmentView, error) {
	if err := httpx.Validate(in); err != nil {
		return nil, err
	}
	if !db.ValidID(programID) {
		return nil, errs.ErrNotFound
	}
	e := &Enrollment{TenantID: scope.TenantID(), ID: db.NewID(), ProgramID: programID, BeneficiaryID: in.BeneficiaryID,
		EnrolledOn: clock.Today(s.Now(), clock.Zone), CreatedAt: s.Now()}
	if actor.UserID != "" {
		e.CreatedBy = &actor.UserID
	}
	var out *EnrollmentView
	err := scope.Write(ctx, func(t *db.Tenant) error {
		p, err := s.Store.Program(t, programID)
		if err != nil {
			return err
		}
		if p.Status != StatusActive {
			return errs.Conflict("program_closed", "this program is closed")
		}
		if in.EnrolledOn != "" {
			var ok bool
			if e.EnrolledOn, ok = db.ParseDate(in.EnrolledOn); !ok {
				return errs.Invalid("enrolled_on", "date", "must be a date in the form YYYY-MM-DD")
			}
		}
		if err := s.Store.ActiveBeneficiary(t, in.BeneficiaryID); err != nil {
			return err
		}
		if err := s.Store.notErased(t, in.BeneficiaryID); err != nil {
			return err
		}
		if err := s.join(t, actor, e); err != nil {
			return err
		}
		ms, err := s.Store.Memberships(t, programID)
		if err != nil {
			return err
		}
		m := ms[programID]
		out = &EnrollmentView{ID: e.ID, ProgramID: programID, BeneficiaryID: e.BeneficiaryID, EnrolledOn: e.EnrolledOn,
			CreatedAt: e.CreatedAt, Households: m.Households, Warnings: p.warnings(m)}
		return nil
	})
	return out, err
}

// join stores the enrollment, or brings back a member who had withdrawn
// (her history stays on the one enrollment row).
func (s *Service) join(t *db.Tenant, actor audit.Actor, e *Enrollment) error {
	old, err := s.Store.Enrollment(t, e.ProgramID, e.BeneficiaryID)
	switch {
	case err == nil && old.WithdrawnOn == nil:
		return errs.Conflict("already_enrolled", "this beneficiary is already enrolled in this program")
	case err == nil:
		e.ID, e.CreatedAt, e.CreatedBy = old.ID, old.CreatedAt, old.CreatedBy
		err = t.DB().Model(&Enrollment{}).Where("tenant_id = ? AND id = ?", t.ID, old.ID).
			Updates(map[string]any{"withdrawn_on": nil, "enrolled_on": e.EnrolledOn}).Error
		if err != nil {
			return err
		}
		return audit.Record(t, actor, audit.Update, "enrollment", e.ID, "enrolled_on", "withdrawn_on")
	case !errors.Is(err, errs.ErrNotFound):
		return err
	}
	if err := t.DB().Create(e).Error; err != nil {
		if db.IsDuplicate(err) {
			return errs.Conflict("already_enrolled", "this beneficiary is already enrolled in this program")
		}
		return err
	}
	return audit.Record(t, actor, audit.Create, "enrollment", e.ID, "program_id", "beneficiary_id")
}

// Withdraw ends a membership today: she leaves the member list and the
// counts, keeps her attendance and outcomes, and may be enrolled again.
// An enrollment that does not exist or has ended is a 404.
func (s *Service) Withdraw(ctx context.Context, scope db.Scope, actor audit.Actor, enrollmentID string) error {
	if !db.ValidID(enrollmentID) {
		return errs.ErrNotFound
	}
	return scope.Write(ctx, func(t *db.Tenant) error {
		res := t.DB().Model(&Enrollment{}).Where("tenant_id = ? AND id = ? AND withdrawn_on IS NULL", t.ID, enrollmentID).
			Update("withdrawn_on", clock.Today(s.Now(), clock.Zone))
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return errs.ErrNotFound
		}
		return audit.Record(t, actor, "withdraw", "enrollment", enrollmentID, "withdrawn_on")
	})
}

// Members lists a program's members by name (callers need people:read).
func (s *Service) Members(ctx context.Context, scope db.Scope, programID string) ([]Member, error) {
	if !db.ValidID(programID) {
		return nil, errs.ErrNotFound
	}
	var out []Member
	err := scope.Read(ctx, func(t *db.Tenant) error {
		if _, err := s.Store.Program(t, programID); err != nil {
			return err
		}
		var err error
		out, err = s.Store.Members(t, programID)
		return err
	})
	return out, err
}

// MemberIDs lists the beneficiary ids of a program's current members; a
// program the group does not have is ErrNotFound.
func (s *Service) MemberIDs(ctx context.Context, scope db.Scope, programID string) ([]string, error) {
	members, err := s.Members(ctx, scope, programID)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(members))
	for i, m := range members {
		out[i] = m.BeneficiaryID
	}
	return out, nil
}
