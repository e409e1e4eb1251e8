package funds

import (
	"context"
	"strings"
	"time"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/platform/clock"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/platform/httpx"
)

// DefaultApprovalThreshold applies until the owner sets one: expenses
// above Rp 1.000.000 need a second person.
const DefaultApprovalThreshold int64 = 1_000_000_00

// EntryInput is a ledger entry typed in by the treasurer (POST …/ledger).
type EntryInput struct {
	// Kind "transfer" records the host paying online gifts out to the
	// group's own account: it moves money, it is not new income.
	Kind       string `json:"kind" form:"kind" validate:"required,oneof=income expense transfer"`
	Amount     int64  `json:"amount" form:"amount" validate:"required,gt=0"`
	Currency   string `json:"currency" form:"currency" validate:"required"`
	Category   string `json:"category" form:"category" validate:"max=60"`
	ProgramID  string `json:"program_id" form:"program_id" validate:"omitempty,uuid"`
	OccurredOn string `json:"occurred_on" form:"occurred_on" validate:"required,datetime=2006-01-02"`
	Note       string `json:"note" form:"note" validate:"max=500"`
}

// Upload is a stored receipt photo or scan.
type Upload struct {
	Name        string // file name under the tenant's upload folder
	ContentType string
}

// AddEntry writes a ledger entry. An expense above the group's threshold
// waits for a second person's approval before it counts.
func (s *Service) AddEntry(ctx context.Context, scope db.Scope, actor audit.Actor, in EntryInput, receipt *Upload) (*LedgerEntry, error) {
	category, err := checkEntry(in, s.Now())
	if err != nil {
		return nil, err
	}
	kind, source := in.Kind, SourceManual
	if kind == KindTransfer {
		kind, source, category = KindIncome, SourceHostTransfer, "transfer"
	}
	e := LedgerEntry{TenantID: scope.TenantID(), ID: db.NewID(), Kind: kind, Source: source,
		Amount: in.Amount, Currency: Currency, Category: category, OccurredOn: in.OccurredOn,
		Note: strings.TrimSpace(in.Note), CreatedAt: s.Now()}
	if in.ProgramID != "" {
		e.ProgramID = &in.ProgramID
	}
	if actor.UserID != "" {
		e.CreatedBy = &actor.UserID
	}
	if receipt != nil {
		e.ReceiptFile, e.ReceiptType = receipt.Name, receipt.ContentType
	}
	err = scope.Write(ctx, func(tx *db.Tenant) error {
		if err := s.checkProgram(tx, in.ProgramID); err != nil {
			return err
		}
		if e.Kind == KindExpense {
			threshold, err := approvalThreshold(tx)
			if err != nil {
				return err
			}
			e.NeedsApproval = e.Amount > threshold
		}
		if err := tx.DB().Create(&e).Error; err != nil {
			return err
		}
		return audit.Record(tx, actor, audit.Create, "ledger_entry", e.ID, "kind", "amount", "category", "occurred_on")
	})
	if err != nil {
		return nil, err
	}
	return &e, nil
}

// CheckEntry validates in as AddEntry would, writing nothing: a page runs
// it before it stores a receipt photo, and to show every error of a form
// it could not fully read.
func (s *Service) CheckEntry(in EntryInput) error {
	_, err := checkEntry(in, s.Now())
	return err
}

// checkEntry is AddEntry's validation at now, every invalid field in one
// answer; it returns the entry's category, trimmed and in lower case.
func checkEntry(in EntryInput, now time.Time) (string, error) {
	tags := &errs.ValidationError{}
	if err := tags.Also(httpx.Validate(in)); err != nil {
		return "", err
	}
	v := &errs.ValidationError{}
	if !strings.EqualFold(in.Currency, Currency) {
		v.Add("currency", "oneof", "must be idr")
	}
	if in.Amount > MaxManualAmount {
		v.Add("amount", "lte", "is too large")
	}
	category := strings.ToLower(strings.TrimSpace(in.Category))
	if in.Kind == KindExpense && category == "" {
		v.Add("category", "required", "is required for an expense")
	}
	if d, err := time.Parse(dateLayout, in.OccurredOn); err == nil && d.After(now.In(clock.Zone).AddDate(0, 0, 1)) {
		v.Add("occurred_on", "not_future", "must not be in the future")
	}
	if err := tags.Also(v.Err()); err != nil {
		return "", err
	}
	return category, tags.Err()
}

// approvalThreshold is the group's threshold, or the default.
func approvalThreshold(tx *db.Tenant) (int64, error) {
	var st Settings
	err := tx.DB().Where("tenant_id = ?", tx.ID).Take(&st).Error
	if db.IsNotFound(err) {
		return DefaultApprovalThreshold, nil
	}
	return st.ApprovalThreshold, err
}
