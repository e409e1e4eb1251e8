package groupfund

import (
	"context"
	"strings"
	"time"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/journal"
	"github.com/peduli/peduli/internal/platform/clock"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/platform/httpx"
	"github.com/peduli/peduli/internal/registry"
)

// WriteOff is one row of loan_write_offs: a request to write a loan off
// and, once a second person approves it, the amount written off.
type WriteOff struct {
	TenantID     string `gorm:"primaryKey"`
	LoanID       string `gorm:"primaryKey"`
	Note         string
	RequestedBy  string
	RequestedAt  time.Time
	ApprovedBy   *string
	ApprovedAt   *time.Time
	AmountSealed string
	KeyVersion   int
	EntryID      *string
}

// TableName is loan_write_offs.
func (WriteOff) TableName() string { return "loan_write_offs" }

func writeOffAAD(loanID string) string { return "loan_write_offs.amount:" + loanID }

// WriteOffInput is the body of POST …/loans/{id}/write-off.
type WriteOffInput struct {
	Note string `json:"note" validate:"required,max=2000"`
}

// WriteOffView is a write-off as the API shows it.
type WriteOffView struct {
	LoanID      string     `json:"loan_id"`
	Note        string     `json:"note"`
	Status      string     `json:"status"` // requested or approved
	RequestedBy string     `json:"requested_by"`
	ApprovedBy  *string    `json:"approved_by"`
	ApprovedAt  *time.Time `json:"approved_at"`
	Amount      int64      `json:"amount"` // written off; 0 until approved
}

// RequestWriteOff asks for a loan still owed to be written off, with a
// note saying why. Nothing moves until someone else approves it.
func (s *Service) RequestWriteOff(ctx context.Context, scope db.Scope, actor audit.Actor, loanID string, in WriteOffInput) (*WriteOffView, error) {
	if err := httpx.Validate(in); err != nil {
		return nil, err
	}
	note := strings.TrimSpace(in.Note)
	if note == "" {
		return nil, errs.Invalid("note", "required", "is required")
	}
	var out *WriteOffView
	err := scope.Write(ctx, func(t *db.Tenant) error {
		if err := journal.Lock(t); err != nil {
			return err
		}
		l, err := findLoan(t, loanID)
		if err != nil {
			return err
		}
		if st, err := s.loanStanding(t, l); err != nil {
			return err
		} else if st.Outstanding == 0 {
			return errs.Conflict("loan_settled", "this loan owes no principal")
		}
		var n int64
		if err := t.DB().Model(&WriteOff{}).Where("tenant_id = ? AND loan_id = ?", t.ID, l.ID).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return errs.Conflict("write_off_exists", "a write-off of this loan has already been asked for")
		}
		w := &WriteOff{TenantID: t.ID, LoanID: l.ID, Note: note, RequestedBy: actor.UserID, RequestedAt: s.Now()}
		if err := t.DB().Create(w).Error; err != nil {
			return err
		}
		out = &WriteOffView{LoanID: l.ID, Note: note, Status: "requested", RequestedBy: actor.UserID}
		return audit.Record(t, actor, "write_off_request", "loan", l.ID, "note")
	})
	return out, err
}

// ApproveWriteOff writes the loan off: a second person, not the one who
// asked, approves, and the principal still outstanding moves from loans
// receivable to losses. The loan then leaves the portfolio and takes no
// more repayments.
func (s *Service) ApproveWriteOff(ctx context.Context, scope db.Scope, actor audit.Actor, loanID string) (*WriteOffView, error) {
	var out *WriteOffView
	err := s.moneyWrite(ctx, scope, func(t *db.Tenant, key registry.Key) error {
		l, err := findLoan(t, loanID)
		if err != nil {
			return err
		}
		var w WriteOff
		if err := t.DB().Where("tenant_id = ? AND loan_id = ?", t.ID, l.ID).Take(&w).Error; db.IsNotFound(err) {
			return errs.Conflict("write_off_not_requested", "nobody has asked to write this loan off")
		} else if err != nil {
			return err
		}
		switch {
		case w.ApprovedBy != nil:
			return errs.Conflict("write_off_approved", "this loan has already been written off")
		case w.RequestedBy == actor.UserID:
			return errs.Conflict("second_person_required", "another member of the team must approve a write-off")
		}
		st, err := s.loanStanding(t, l)
		if err != nil {
			return err
		}
		now := s.Now()
		entry, err := journal.Post(t, actor, journal.Posting{OccurredOn: clock.Today(now, clock.Zone), Source: "loan_write_off", SourceID: l.ID,
			Memo: l.ReceiptNo, Lines: []journal.Line{journal.Debit(journal.LoanLosses, st.Outstanding),
				journal.Credit(journal.LoansReceivable, st.Outstanding)}}, now)
		if err != nil {
			return err
		}
		w.ApprovedBy, w.ApprovedAt, w.EntryID = &actor.UserID, &now, &entry.ID
		w.AmountSealed, w.KeyVersion = sealAmount(key, st.Outstanding, writeOffAAD(l.ID)), key.Version
		if err := t.DB().Model(&WriteOff{}).Where("tenant_id = ? AND loan_id = ?", t.ID, l.ID).Updates(map[string]any{
			"approved_by": actor.UserID, "approved_at": now, "entry_id": entry.ID,
			"amount_sealed": w.AmountSealed, "key_version": w.KeyVersion}).Error; err != nil {
			return err
		}
		out = &WriteOffView{LoanID: l.ID, Note: w.Note, Status: "approved", RequestedBy: w.RequestedBy,
			ApprovedBy: w.ApprovedBy, ApprovedAt: w.ApprovedAt, Amount: st.Outstanding}
		return audit.Record(t, actor, "write_off_approve", "loan", l.ID, "amount")
	})
	return out, err
}

// loanStanding opens a loan and reports its standing with every repayment.
func (s *Service) loanStanding(t *db.Tenant, l *Loan) (standing, error) {
	reps, ok, err := s.openLoan(t, l)
	if err != nil || !ok {
		return standing{}, err
	}
	var paid []int64
	for _, r := range reps {
		paid = append(paid, r.Amount)
	}
	return standOn(l.Schedule(), paid, "9999-12-31"), nil
}

// writtenOff reports whether the loan has an approved write-off.
func writtenOff(t *db.Tenant, loanID string) (bool, error) {
	var n int64
	err := t.DB().Model(&WriteOff{}).Where("tenant_id = ? AND loan_id = ? AND approved_by IS NOT NULL", t.ID, loanID).Count(&n).Error
	return n > 0, err
}

// writtenOffSet lists the group's written-off loans.
func writtenOffSet(t *db.Tenant) (map[string]bool, error) {
	var ids []string
	if err := t.DB().Model(&WriteOff{}).Where("tenant_id = ? AND approved_by IS NOT NULL", t.ID).Pluck("loan_id", &ids).Error; err != nil {
		return nil, err
	}
	out := make(map[string]bool, len(ids))
	for _, id := range ids {
		out[id] = true
	}
	return out, nil
}
