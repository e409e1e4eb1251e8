package funds

import (
	"context"
	"strings"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/platform/httpx"
)

// ReverseInput says why an entry is corrected.
type ReverseInput struct {
	Note string `json:"note" validate:"max=500"`
}

// Reverse corrects an entry the only way an append-only ledger allows: a
// new entry with the negated amount that names the one it reverses. Online
// gifts are reversed by Stripe refunds, not by hand. The reversal counts
// exactly when the original does: reversing an expense still waiting for
// approval cancels it, and neither ever counts.
func (s *Service) Reverse(ctx context.Context, scope db.Scope, actor audit.Actor, id string, in ReverseInput) (*LedgerEntry, error) {
	if err := httpx.Validate(in); err != nil {
		return nil, err
	}
	var out LedgerEntry
	err := scope.Write(ctx, func(tx *db.Tenant) error {
		orig, err := entry(tx, id)
		if err != nil {
			return err
		}
		switch {
		case orig.ReversesID != nil:
			return errs.Conflict("is_reversal", "a reversing entry cannot itself be reversed; add a new entry instead")
		case orig.Source == SourceOnline:
			return errs.Conflict("online_gift", "an online gift is corrected by refunding it in Stripe")
		}
		var n int64
		if err := tx.DB().Model(&LedgerEntry{}).Where("tenant_id = ? AND reverses_id = ?", tx.ID, orig.ID).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return errs.Conflict("already_reversed", "this entry is already reversed")
		}
		out = LedgerEntry{TenantID: tx.ID, ID: db.NewID(), Kind: orig.Kind, Source: orig.Source,
			Amount: -orig.Amount, Currency: orig.Currency, Category: orig.Category, ProgramID: orig.ProgramID,
			OccurredOn: s.today(), Note: strings.TrimSpace(in.Note), DonationID: orig.DonationID,
			ReversesID: &orig.ID, NeedsApproval: orig.NeedsApproval, CreatedAt: s.Now()}
		if actor.UserID != "" {
			out.CreatedBy = &actor.UserID
		}
		if err := tx.DB().Create(&out).Error; err != nil {
			return err
		}
		return audit.Record(tx, actor, "reverse", "ledger_entry", orig.ID, "reversed_by")
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// Approve records a second person's approval of an expense waiting for it.
// The approver must not be the person who wrote the entry. A reversing
// entry is never approved on its own (it follows its original), and an
// entry reversed before its approval is cancelled, not approved.
func (s *Service) Approve(ctx context.Context, scope db.Scope, actor audit.Actor, id string) (*LedgerEntry, error) {
	var out *LedgerEntry
	err := scope.Write(ctx, func(tx *db.Tenant) error {
		e, err := entry(tx, id)
		if err != nil {
			return err
		}
		if e.ReversesID != nil {
			return errs.Conflict("reversal_follows_original", "a reversing entry counts when the entry it reverses counts; approve that one")
		}
		if !e.NeedsApproval {
			return errs.Conflict("no_approval_needed", "this entry does not need an approval")
		}
		var reversals int64
		if err := tx.DB().Model(&LedgerEntry{}).Where("tenant_id = ? AND reverses_id = ?", tx.ID, e.ID).Count(&reversals).Error; err != nil {
			return err
		}
		if reversals > 0 {
			return errs.Conflict("reversed_before_approval", "this expense was reversed before it was approved, which cancelled it")
		}
		if e.CreatedBy != nil && *e.CreatedBy == actor.UserID {
			return errs.Conflict("approver_is_creator", "a second person must approve an expense")
		}
		var n int64
		if err := tx.DB().Model(&Approval{}).Where("tenant_id = ? AND entry_id = ?", tx.ID, e.ID).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return errs.Conflict("already_approved", "this expense is already approved")
		}
		if err := tx.DB().Create(&Approval{TenantID: tx.ID, EntryID: e.ID, ApprovedBy: actor.UserID, ApprovedAt: s.Now()}).Error; err != nil {
			return err
		}
		out = e
		return audit.Record(tx, actor, "approve", "ledger_entry", e.ID, "approved_by")
	})
	return out, err
}

func entry(tx *db.Tenant, id string) (*LedgerEntry, error) {
	var e LedgerEntry
	if err := tx.DB().Where("tenant_id = ? AND id = ?", tx.ID, id).Take(&e).Error; err != nil {
		if db.IsNotFound(err) {
			return nil, errs.ErrNotFound
		}
		return nil, err
	}
	return &e, nil
}
