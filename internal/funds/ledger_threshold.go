package funds

import (
	"context"
	"time"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/platform/clock"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/platform/httpx"
)

// Statuses of a threshold change.
const (
	ChangePending    = "pending"
	ChangeApplied    = "applied"
	ChangeSuperseded = "superseded"
)

// ThresholdChange is one change of a group's approval threshold (table
// threshold_changes).
type ThresholdChange struct {
	TenantID     string `gorm:"primaryKey"`
	ID           string `gorm:"primaryKey"`
	OldThreshold int64
	NewThreshold int64
	Status       string
	ProposedBy   *string
	ProposedAt   time.Time
	ConfirmedBy  *string
	AppliedAt    *time.Time
}

// TableName is threshold_changes.
func (ThresholdChange) TableName() string { return "threshold_changes" }

// SettingsInput sets the approval threshold (PUT …/ledger/settings).
type SettingsInput struct {
	ApprovalThreshold *int64 `json:"approval_threshold" validate:"required,gte=0"`
}

// ThresholdState is the threshold in force and a raise waiting for its
// confirmation, if any.
type ThresholdState struct {
	ApprovalThreshold int64             `json:"approval_threshold"`
	Currency          string            `json:"currency"`
	Pending           *PendingThreshold `json:"pending"`
}

// PendingThreshold is a raise proposed by an owner, not yet in force.
type PendingThreshold struct {
	ApprovalThreshold int64   `json:"approval_threshold"`
	ProposedBy        *string `json:"proposed_by"`
	ProposedAt        string  `json:"proposed_at"`
}

// SetSettings changes the approval threshold; the route lets only owners
// call it. A lowering takes effect at once. A raise weakens the two-person
// rule, so in a group with a second owner or admin it waits until that
// person confirms it (ConfirmThreshold); a group with no second person
// cannot have one, and the raise applies at once. Any newer change
// supersedes a raise still waiting. Every change is audited and kept.
func (s *Service) SetSettings(ctx context.Context, scope db.Scope, actor audit.Actor, in SettingsInput) (*ThresholdState, error) {
	if err := httpx.Validate(in); err != nil {
		return nil, err
	}
	err := scope.Write(ctx, func(tx *db.Tenant) error {
		current, err := approvalThreshold(tx)
		if err != nil {
			return err
		}
		if err := tx.DB().Model(&ThresholdChange{}).Where("tenant_id = ? AND status = ?", tx.ID, ChangePending).
			Update("status", ChangeSuperseded).Error; err != nil {
			return err
		}
		now := s.Now()
		ch := ThresholdChange{TenantID: tx.ID, ID: db.NewID(), OldThreshold: current, NewThreshold: *in.ApprovalThreshold,
			Status: ChangePending, ProposedBy: userRef(actor), ProposedAt: now}
		if ch.NewThreshold <= current || !s.hasSecondApprover(tx.ID, actor.UserID) {
			ch.Status, ch.AppliedAt = ChangeApplied, &now
		}
		if err := tx.DB().Create(&ch).Error; err != nil {
			return err
		}
		if ch.Status == ChangePending {
			return audit.Record(tx, actor, "propose", "funds_settings", tx.ID, "approval_threshold")
		}
		if err := setThreshold(tx, ch.NewThreshold, ch.ProposedBy, now); err != nil {
			return err
		}
		return audit.Record(tx, actor, audit.Update, "funds_settings", tx.ID, "approval_threshold")
	})
	if err != nil {
		return nil, err
	}
	return s.ThresholdState(ctx, scope)
}

// ConfirmThreshold puts a raise waiting for confirmation into force. The
// confirmer is an owner or admin other than the proposer, and the proposer
// must still be an owner now, when the raise takes effect.
func (s *Service) ConfirmThreshold(ctx context.Context, scope db.Scope, actor audit.Actor) (*ThresholdState, error) {
	err := scope.Write(ctx, func(tx *db.Tenant) error {
		var ch ThresholdChange
		err := tx.DB().Where("tenant_id = ? AND status = ?", tx.ID, ChangePending).Order("proposed_at DESC").Take(&ch).Error
		if db.IsNotFound(err) {
			return errs.Conflict("no_pending_change", "no raise of the approval threshold is waiting for confirmation")
		}
		if err != nil {
			return err
		}
		switch {
		case ch.ProposedBy != nil && *ch.ProposedBy == actor.UserID:
			return errs.Conflict("confirmer_is_proposer", "a second owner or admin must confirm a raise of the approval threshold")
		case ch.ProposedBy == nil || !s.isOwner(*ch.ProposedBy, tx.ID):
			return errs.Conflict("proposal_lapsed", "the person who proposed this raise is no longer an owner; an owner must propose it again")
		}
		now := s.Now()
		if err := tx.DB().Model(&ThresholdChange{}).Where("tenant_id = ? AND id = ?", tx.ID, ch.ID).
			Updates(map[string]any{"status": ChangeApplied, "confirmed_by": userRef(actor), "applied_at": now}).Error; err != nil {
			return err
		}
		if err := setThreshold(tx, ch.NewThreshold, userRef(actor), now); err != nil {
			return err
		}
		return audit.Record(tx, actor, "confirm", "funds_settings", tx.ID, "approval_threshold")
	})
	if err != nil {
		return nil, err
	}
	return s.ThresholdState(ctx, scope)
}

// ThresholdState reads the threshold in force and any raise waiting.
func (s *Service) ThresholdState(ctx context.Context, scope db.Scope) (*ThresholdState, error) {
	out := &ThresholdState{Currency: Currency}
	err := scope.Read(ctx, func(tx *db.Tenant) error {
		var err error
		if out.ApprovalThreshold, err = approvalThreshold(tx); err != nil {
			return err
		}
		var ch ThresholdChange
		err = tx.DB().Where("tenant_id = ? AND status = ?", tx.ID, ChangePending).Order("proposed_at DESC").Take(&ch).Error
		if db.IsNotFound(err) {
			return nil
		}
		out.Pending = &PendingThreshold{ApprovalThreshold: ch.NewThreshold, ProposedBy: ch.ProposedBy,
			ProposedAt: ch.ProposedAt.UTC().Format(time.RFC3339)}
		return err
	})
	return out, err
}

// Threshold reads the group's approval threshold in force.
func (s *Service) Threshold(ctx context.Context, scope db.Scope) (int64, error) {
	var out int64
	err := scope.Read(ctx, func(tx *db.Tenant) error {
		var err error
		out, err = approvalThreshold(tx)
		return err
	})
	return out, err
}

// PublicThresholdChange is a change of the threshold as the public sees it.
type PublicThresholdChange struct {
	On        string `json:"on"`
	From      int64  `json:"from"`
	To        int64  `json:"to"`
	Confirmed bool   `json:"confirmed_by_second_person"`
}

// appliedChanges lists the last threshold changes in force, newest first.
func appliedChanges(tx *db.Tenant, limit int) ([]PublicThresholdChange, error) {
	var rows []ThresholdChange
	if err := tx.DB().Where("tenant_id = ? AND status = ?", tx.ID, ChangeApplied).
		Order("applied_at DESC, id DESC").Limit(limit).Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]PublicThresholdChange, 0, len(rows))
	for _, r := range rows {
		c := PublicThresholdChange{From: r.OldThreshold, To: r.NewThreshold, Confirmed: r.ConfirmedBy != nil}
		if r.AppliedAt != nil {
			c.On = r.AppliedAt.In(clock.Zone).Format(dateLayout)
		}
		out = append(out, c)
	}
	return out, nil
}

// setThreshold stores the threshold in force.
func setThreshold(tx *db.Tenant, n int64, by *string, at time.Time) error {
	res := tx.DB().Model(&Settings{}).Where("tenant_id = ?", tx.ID).Updates(map[string]any{
		"approval_threshold": n, "updated_by": by, "updated_at": at})
	if res.Error != nil || res.RowsAffected > 0 {
		return res.Error
	}
	return tx.DB().Create(&Settings{TenantID: tx.ID, ApprovalThreshold: n, UpdatedBy: by, UpdatedAt: at}).Error
}

// hasSecondApprover reports whether the group has an owner or admin other
// than userID, who could confirm a raise.
func (s *Service) hasSecondApprover(tenantID, userID string) bool {
	for _, m := range s.Access.Members(tenantID) {
		if m.UserID != userID && (m.Role == access.Owner || m.Role == access.Admin) {
			return true
		}
	}
	return false
}

func (s *Service) isOwner(userID, tenantID string) bool {
	r, ok := s.Access.RoleIn(userID, tenantID)
	return ok && r == access.Owner
}

func userRef(a audit.Actor) *string {
	if a.UserID == "" {
		return nil
	}
	id := a.UserID
	return &id
}
