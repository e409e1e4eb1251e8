package groupfund

import (
	"context"
	"fmt"
	"time"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/journal"
	"github.com/peduli/peduli/internal/platform/clock"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/platform/httpx"
	"github.com/peduli/peduli/internal/registry"
)

// Service owns the group fund: members' savings and the receipts for them.
type Service struct {
	// Keys seal and open per-member amounts with the tenant's data key.
	Keys *registry.Keyring
	// Attendance records a meeting's attendance in programs.
	Attendance Attendance
	// Profits answers members' monthly profit from their enterprise books.
	Profits Profits
	Now     func() time.Time
}

// SavingsInput is the body of POST …/savings/deposits and …/withdrawals.
type SavingsInput struct {
	BeneficiaryID string `json:"beneficiary_id" validate:"required,max=36"`
	Kind          string `json:"kind" validate:"required,oneof=pokok wajib sukarela"`
	Amount        int64  `json:"amount" validate:"required,gt=0,lte=1000000000000000"`
	PaidOn        string `json:"paid_on" validate:"required,max=10"`
}

// Deposit records a member's savings deposit with its receipt.
func (s *Service) Deposit(ctx context.Context, scope db.Scope, actor audit.Actor, in SavingsInput) (*SavingsTxView, error) {
	if err := httpx.Validate(in); err != nil {
		return nil, err
	}
	return s.recordSavings(ctx, scope, actor, in, Deposit)
}

// Withdraw records a withdrawal from a member's voluntary savings. Pokok
// and wajib savings stay while she is a member (they are the group's
// capital), and nobody takes out more than she holds or the group's cash.
func (s *Service) Withdraw(ctx context.Context, scope db.Scope, actor audit.Actor, in SavingsInput) (*SavingsTxView, error) {
	if err := httpx.Validate(in); err != nil {
		return nil, err
	}
	return s.recordSavings(ctx, scope, actor, in, Withdrawal)
}

func (s *Service) recordSavings(ctx context.Context, scope db.Scope, actor audit.Actor, in SavingsInput, dir string) (*SavingsTxView, error) {
	paidOn, err := s.payDay("paid_on", in.PaidOn)
	if err != nil {
		return nil, err
	}
	var out *SavingsTxView
	err = s.moneyWrite(ctx, scope, func(t *db.Tenant, key registry.Key) error {
		out, err = s.savingsIn(t, key, actor, in.BeneficiaryID, in.Kind, dir, in.Amount, paidOn, "beneficiary_id", "")
		return err
	})
	return out, err
}

// savingsIn records one deposit or withdrawal inside the caller's
// transaction, which holds the journal lock and the key. Errors name
// memberField for the member and prefix+"kind", prefix+"amount".
func (s *Service) savingsIn(t *db.Tenant, key registry.Key, actor audit.Actor, beneficiaryID, kind, dir string,
	amount int64, paidOn db.Date, memberField, prefix string) (*SavingsTxView, error) {
	if err := registry.Active(t, beneficiaryID); err != nil {
		return nil, errs.Invalid(memberField, "exists", "must be a member of this group")
	}
	account, ok := savingsAccount[kind]
	if !ok {
		return nil, errs.Invalid(prefix+"kind", "oneof", "must be pokok, wajib or sukarela")
	}
	if amount <= 0 || amount > journal.MaxAmount {
		return nil, errs.Invalid(prefix+"amount", "gt", "must be a positive amount")
	}
	_, bal, err := s.memberSavings(t, beneficiaryID)
	if err != nil {
		return nil, err
	}
	lines := []journal.Line{journal.Debit(journal.Cash, amount), journal.Credit(account, amount)}
	after := bal.Of(kind) + amount
	if dir == Withdrawal {
		if kind != Sukarela {
			return nil, errs.Invalid(prefix+"kind", "withdrawable", "only voluntary (sukarela) savings can be withdrawn by a member")
		}
		if amount > bal.Of(kind) {
			return nil, errs.Conflict("insufficient_savings", "the withdrawal is more than the member's savings of this kind")
		}
		cash, err := journal.Balance(t, journal.Cash)
		if err != nil {
			return nil, err
		}
		if amount > cash {
			return nil, errs.Conflict("insufficient_cash", "the group does not hold this much cash")
		}
		lines = []journal.Line{journal.Debit(account, amount), journal.Credit(journal.Cash, amount)}
		after = bal.Of(kind) - amount
	}
	now := s.Now()
	id := db.NewID()
	x := &SavingsTx{TenantID: t.ID, ID: id, BeneficiaryID: beneficiaryID, Kind: kind, Direction: dir,
		CashRecord: newCashRecord(key, amount, savingsAAD(id), paidOn, actor, now), Amount: amount}
	if err := x.book(t, actor, "savings", journal.Posting{Source: "savings_" + dir, SourceID: x.ID, Lines: lines}, now); err != nil {
		return nil, err
	}
	if err := t.DB().Create(x).Error; err != nil {
		return nil, fmt.Errorf("groupfund: savings: %w", err)
	}
	if err := audit.Record(t, actor, audit.Create, "savings_"+dir, x.ID, "beneficiary_id", "kind", "amount", "paid_on"); err != nil {
		return nil, err
	}
	v := x.view(after)
	return &v, nil
}

// payDay checks a payment date: a real day, not in the future.
func (s *Service) payDay(field, in string) (db.Date, error) {
	d, ok := db.ParseDate(in)
	switch {
	case !ok || d < "2000-01-01":
		return "", errs.Invalid(field, "date", "must be a date in the form YYYY-MM-DD")
	case d > clock.Today(s.Now(), clock.Zone):
		return "", errs.Invalid(field, "past", "must not be in the future")
	}
	return d, nil
}
