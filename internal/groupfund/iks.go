package groupfund

import (
	"context"
	"fmt"
	"math"
	"time"

	"gorm.io/gorm/clause"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/journal"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/platform/httpx"
	"github.com/peduli/peduli/internal/registry"
)

// Profits answers a member's monthly profit from her enterprise books
// inside the caller's transaction. The enterprises feature implements it;
// the app wires it.
type Profits interface {
	MonthlyIncome(t *db.Tenant, beneficiaryID string) (map[string]int64, error)
}

// IKSRule is one row of iks_rules: the group's rule for the solidarity
// contribution (iuran kesetiakawanan sosial) into its social fund.
type IKSRule struct {
	TenantID  string    `gorm:"primaryKey" json:"-"`
	Kind      string    `json:"kind"` // percent or fixed
	PercentBP int       `gorm:"column:percent_bp" json:"-"`
	Percent   float64   `gorm:"-" json:"percent"`
	Amount    int64     `json:"amount"`
	UpdatedBy *string   `json:"-"`
	UpdatedAt time.Time `json:"updated_at"`
}

// TableName is iks_rules.
func (IKSRule) TableName() string { return "iks_rules" }

// IKSRuleInput is the body of PUT …/iks/rule: a share of the month's
// profit in percent, or a fixed amount a month.
type IKSRuleInput struct {
	Kind    string  `json:"kind" validate:"required,oneof=percent fixed"`
	Percent float64 `json:"percent" validate:"gte=0,lte=100"`
	Amount  int64   `json:"amount" validate:"gte=0,lte=1000000000000000"`
}

// SetIKSRule sets the group's rule.
func (s *Service) SetIKSRule(ctx context.Context, scope db.Scope, actor audit.Actor, in IKSRuleInput) (*IKSRule, error) {
	if err := httpx.Validate(in); err != nil {
		return nil, err
	}
	r := &IKSRule{TenantID: scope.TenantID(), Kind: in.Kind, PercentBP: int(math.Round(in.Percent * 100)), Amount: in.Amount, UpdatedAt: s.Now()}
	switch {
	case in.Kind == "percent" && r.PercentBP == 0:
		return nil, errs.Invalid("percent", "gt", "must be more than 0")
	case in.Kind == "fixed" && in.Amount == 0:
		return nil, errs.Invalid("amount", "gt", "must be more than 0")
	case in.Kind == "percent":
		r.Amount = 0
	default:
		r.PercentBP = 0
	}
	if actor.UserID != "" {
		r.UpdatedBy = &actor.UserID
	}
	err := scope.Write(ctx, func(t *db.Tenant) error {
		// One rule per group: a second writer's rule replaces the first.
		if err := t.DB().Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "tenant_id"}}, UpdateAll: true}).Create(r).Error; err != nil {
			return err
		}
		return audit.Record(t, actor, audit.Update, "iks_rule", t.ID, "kind", "percent", "amount")
	})
	r.Percent = float64(r.PercentBP) / 100
	return r, err
}

// IKSContribution is one row of iks_contributions.
type IKSContribution struct {
	TenantID      string `gorm:"primaryKey"`
	ID            string `gorm:"primaryKey"`
	BeneficiaryID string
	Period        string
	CashRecord
}

// TableName is iks_contributions.
func (IKSContribution) TableName() string { return "iks_contributions" }

func iksAAD(id string) string { return "iks_contributions.amount:" + id }

// IKSInput is the body of POST …/iks/contributions.
type IKSInput struct {
	BeneficiaryID string `json:"beneficiary_id" validate:"required,max=36"`
	Period        string `json:"period" validate:"required,max=7"`
	PaidOn        string `json:"paid_on" validate:"required,max=10"`
}

// IKSView is a recorded contribution: what the rule asked of her month.
type IKSView struct {
	ID            string  `json:"id"`
	BeneficiaryID string  `json:"beneficiary_id"`
	Period        string  `json:"period"`
	Profit        int64   `json:"profit"`
	Amount        int64   `json:"amount"`
	PaidOn        db.Date `json:"paid_on"`
	ReceiptNo     string  `json:"receipt_no"`
}

// RecordIKS takes a member's solidarity contribution for a month into the
// social fund, computed by the group's rule from her enterprise books for
// that month (a share of the profit) or fixed. Once per member and month.
func (s *Service) RecordIKS(ctx context.Context, scope db.Scope, actor audit.Actor, in IKSInput) (*IKSView, error) {
	if err := httpx.Validate(in); err != nil {
		return nil, err
	}
	on, err := s.payDay("paid_on", in.PaidOn)
	if err != nil {
		return nil, err
	}
	if _, err := time.Parse("2006-01", in.Period); err != nil || len(in.Period) != 7 {
		return nil, errs.Invalid("period", "month", "must be a month in the form YYYY-MM")
	}
	var out *IKSView
	err = s.moneyWrite(ctx, scope, func(t *db.Tenant, key registry.Key) error {
		if err := registry.Active(t, in.BeneficiaryID); err != nil {
			return errs.Invalid("beneficiary_id", "exists", "must be a member of this group")
		}
		var rule IKSRule
		if err := t.DB().Where("tenant_id = ?", t.ID).Take(&rule).Error; db.IsNotFound(err) {
			return errs.Conflict("iks_rule_missing", "the group has no IKS rule yet")
		} else if err != nil {
			return err
		}
		var profit int64
		if s.Profits != nil {
			income, err := s.Profits.MonthlyIncome(t, in.BeneficiaryID)
			if err != nil {
				return err
			}
			profit = income[in.Period]
		}
		amount := rule.Amount
		if rule.Kind == "percent" {
			amount = (profit*int64(rule.PercentBP)/10_000 + rupiah/2) / rupiah * rupiah
		}
		if amount <= 0 {
			return errs.Conflict("no_profit", "her books show no profit for this month, so no contribution is due")
		}
		now := s.Now()
		id := db.NewID()
		c := &IKSContribution{TenantID: t.ID, ID: id, BeneficiaryID: in.BeneficiaryID, Period: in.Period,
			CashRecord: newCashRecord(key, amount, iksAAD(id), on, actor, now)}
		var n int64
		if err := t.DB().Model(&IKSContribution{}).Where("tenant_id = ? AND beneficiary_id = ? AND period = ?", t.ID, in.BeneficiaryID, in.Period).
			Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return errs.Conflict("iks_paid", "this member's contribution for this month is already recorded")
		}
		if err := c.book(t, actor, "iks", journal.Posting{Source: "iks_contribution", SourceID: c.ID,
			Lines: []journal.Line{journal.Debit(journal.Cash, amount), journal.Credit(journal.SocialFund, amount)}}, now); err != nil {
			return err
		}
		if err := t.DB().Create(c).Error; err != nil {
			return fmt.Errorf("groupfund: iks: %w", err)
		}
		out = &IKSView{ID: c.ID, BeneficiaryID: c.BeneficiaryID, Period: c.Period, Profit: profit, Amount: amount,
			PaidOn: on, ReceiptNo: c.ReceiptNo}
		return audit.Record(t, actor, audit.Create, "iks_contribution", c.ID, "beneficiary_id", "period", "amount")
	})
	return out, err
}
