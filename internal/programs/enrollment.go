package programs

import (
	"context"
	"time"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
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
	EnrolledOn    Date      `json:"enrolled_on"`
	CreatedAt     time.Time `json:"created_at"`
	Households    int       `json:"households"`
	Warnings      []Warning `json:"warnings"`
}

// Enroll adds a beneficiary to a program. Someone already enrolled is a
// 409; a beneficiary the tenant does not have (or has deleted) is a 404,
// like any record the caller cannot see; a closed program takes no one.
func (s *Service) Enroll(ctx context.Context, scope db.Scope, actor audit.Actor, programID string, in EnrollInput) (*EnrollmentView, error) {
	if !db.ValidID(programID) {
		return nil, errs.ErrNotFound
	}
	day := DateOf(s.Now())
	if in.EnrolledOn != "" {
		d, ok := ParseDate(in.EnrolledOn)
		if !ok {
			return nil, errs.Invalid("enrolled_on", "date", "must be a date in the form YYYY-MM-DD")
		}
		day = d
	}
	e := &Enrollment{TenantID: scope.TenantID(), ID: db.NewID(), ProgramID: programID, BeneficiaryID: in.BeneficiaryID,
		EnrolledOn: day, CreatedAt: s.Now()}
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
		if err := s.Store.ActiveBeneficiary(t, in.BeneficiaryID); err != nil {
			return err
		}
		if err := t.DB().Create(e).Error; err != nil {
			if db.IsDuplicate(err) {
				return errs.Conflict("already_enrolled", "this beneficiary is already enrolled in this program")
			}
			return err
		}
		if err := audit.Record(t, actor, audit.Create, "enrollment", e.ID, "program_id", "beneficiary_id"); err != nil {
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
