package regions

import (
	"context"
	"strings"
	"time"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/platform/httpx"
	"github.com/peduli/peduli/internal/tenancy"
)

// Verification decisions and the states a group is in.
const (
	DecisionVerify         = "verify"
	DecisionRequestChanges = "request_changes"

	StatePending          = "pending"
	StateVerified         = "verified"
	StateChangesRequested = "changes_requested"
)

// VerificationInput is the body of POST /t/{slug}/verification.
type VerificationInput struct {
	Decision string `json:"decision" validate:"required,oneof=verify request_changes"`
	Note     string `json:"note" validate:"max=2000"`
}

// Decision is one verification decision in a group's history.
type Decision struct {
	TenantID  string    `gorm:"primaryKey" json:"-"`
	ID        string    `gorm:"primaryKey" json:"id"`
	Decision  string    `json:"decision"`
	Note      string    `json:"note"`
	DecidedBy string    `json:"decided_by"`
	DecidedAt time.Time `json:"decided_at"`
}

// TableName is verification_decisions.
func (Decision) TableName() string { return "verification_decisions" }

// Verification is what a group and its coordinators see of its review.
type Verification struct {
	State     string     `json:"state"`
	Verified  bool       `json:"verified"`
	Note      string     `json:"note"`
	DecidedAt *time.Time `json:"decided_at"`
	History   []Decision `json:"history"`
}

// Verification returns the group's state, its latest note and its history.
// tenants.verified decides the state, so a group marked verified another
// way (the tenants directory) reads as verified too.
func (s *Service) Verification(ctx context.Context, t *tenancy.Tenant) (*Verification, error) {
	var out Verification
	err := s.DB.Scope(t.ID).Read(ctx, func(tx *db.Tenant) error {
		row, err := tenancy.VerificationOf(tx)
		if err != nil {
			return err
		}
		out = Verification{State: stateOf(row.Verified, row.VerificationStatus), Verified: row.Verified,
			Note: row.VerificationNote, DecidedAt: row.VerificationDecidedAt, History: []Decision{}}
		return tx.DB().Where("tenant_id = ?", t.ID).Order("decided_at DESC, id DESC").Find(&out.History).Error
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// stateOf names a group's verification state: tenants.verified decides,
// and the latest decision tells "pending" from "changes_requested".
func stateOf(verified bool, lastDecision string) string {
	switch {
	case verified:
		return StateVerified
	case lastDecision == StateChangesRequested:
		return StateChangesRequested
	}
	return StatePending
}

// Decide records a coordinator's decision on a group: verify it, or ask for
// changes with a note saying what. The decision, the group's state and the
// audit event are written in one transaction of the group's own scope.
func (s *Service) Decide(ctx context.Context, actor audit.Actor, t *tenancy.Tenant, in VerificationInput) (*Verification, error) {
	if err := httpx.Validate(in); err != nil {
		return nil, err
	}
	in.Note = strings.TrimSpace(in.Note)
	if in.Decision == DecisionRequestChanges && in.Note == "" {
		return nil, errs.Invalid("note", "required", "is required when asking for changes")
	}
	now := s.Now()
	status, verified := StateVerified, true
	if in.Decision == DecisionRequestChanges {
		status, verified = StateChangesRequested, false
	}
	err := s.DB.Scope(t.ID).Write(ctx, func(tx *db.Tenant) error {
		if err := tenancy.RecordVerification(tx, verified, status, in.Note, now); err != nil {
			return err
		}
		d := Decision{TenantID: t.ID, ID: db.NewID(), Decision: in.Decision, Note: in.Note,
			DecidedBy: actor.UserID, DecidedAt: now}
		if err := tx.DB().Create(&d).Error; err != nil {
			return err
		}
		return audit.Record(tx, actor, in.Decision, "verification", d.ID, "verified", "note")
	})
	if err != nil {
		return nil, err
	}
	return s.Verification(ctx, t)
}

// RequestReview is the group's answer to a request for changes: once its
// team has changed what the coordinator asked, it asks for review again and
// is back among the groups awaiting verification. The coordinator's note
// stays, so both sides still see what was asked. A group that is not
// awaiting changes has nothing to answer (409 not_changes_requested).
func (s *Service) RequestReview(ctx context.Context, actor audit.Actor, t *tenancy.Tenant) (*Verification, error) {
	err := s.DB.Scope(t.ID).Write(ctx, func(tx *db.Tenant) error {
		reopened, err := tenancy.ReopenVerification(tx, StateChangesRequested, s.Now())
		if err != nil {
			return err
		}
		if !reopened {
			return errs.Conflict("not_changes_requested", "no changes were requested of this group")
		}
		return audit.Record(tx, actor, "request_review", "verification", t.ID, "verification_status")
	})
	if err != nil {
		return nil, err
	}
	return s.Verification(ctx, t)
}
