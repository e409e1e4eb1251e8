package groupfund

import (
	"context"
	"fmt"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/journal"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/registry"
)

// ArisanContribution is one row of arisan_contributions: a member's
// contribution to the rotating savings round, held by the group until the
// round's draw pays it out. Amount is clear only in memory.
type ArisanContribution struct {
	TenantID      string `gorm:"primaryKey"`
	ID            string `gorm:"primaryKey"`
	BeneficiaryID string
	// RoundID is the round the contribution pays into (nil only for
	// contributions recorded before rounds were tied to them).
	RoundID *string
	CashRecord
	Amount int64 `gorm:"-"`
}

// TableName is arisan_contributions.
func (ArisanContribution) TableName() string { return "arisan_contributions" }

func arisanAAD(id string) string { return "arisan_contributions.amount:" + id }

// arisanIn records a member's arisan contribution inside the caller's
// transaction: cash comes in and is held for the round. It pays into the
// member's running round (see runningRound), must be exactly the round's
// contribution, and at most one a turn: a round of n members has n turns.
func (s *Service) arisanIn(t *db.Tenant, key registry.Key, actor audit.Actor, beneficiaryID string, amount int64, on db.Date, field string) (*ArisanContribution, error) {
	if amount <= 0 || amount > journal.MaxAmount {
		return nil, errs.Invalid(field, "gt", "must be a positive amount")
	}
	r, err := runningRound(t, beneficiaryID, on)
	if err != nil {
		return nil, err
	}
	if r == nil {
		return nil, errs.Invalid(field, "round", "the member is in no running arisan round")
	}
	if amount != r.Contribution {
		return nil, errs.Invalid(field, "eq", "must be the round's contribution")
	}
	paid, err := paidTurns(t, r.ID)
	if err != nil {
		return nil, err
	}
	var turns int64
	if err := t.DB().Model(&ArisanMember{}).Where("tenant_id = ? AND round_id = ?", t.ID, r.ID).Count(&turns).Error; err != nil {
		return nil, err
	}
	if int64(paid[beneficiaryID]) >= turns {
		return nil, errs.Invalid(field, "turns", "the member has paid every turn of the round")
	}
	now := s.Now()
	id := db.NewID()
	c := &ArisanContribution{TenantID: t.ID, ID: id, BeneficiaryID: beneficiaryID, RoundID: &r.ID,
		CashRecord: newCashRecord(key, amount, arisanAAD(id), on, actor, now), Amount: amount}
	if err := c.book(t, actor, "arisan", journal.Posting{Source: "arisan_contribution", SourceID: c.ID,
		Lines: []journal.Line{journal.Debit(journal.Cash, amount), journal.Credit(journal.ArisanHeld, amount)}}, now); err != nil {
		return nil, err
	}
	if err := t.DB().Create(c).Error; err != nil {
		return nil, fmt.Errorf("groupfund: arisan: %w", err)
	}
	return c, audit.Record(t, actor, audit.Create, "arisan_contribution", c.ID, "beneficiary_id", "round_id", "amount", "paid_on")
}

// runningRound is the round a member's contribution on day on pays into:
// one she is in that has started and is not complete, the oldest when
// she is in several. nil when there is none.
func runningRound(t *db.Tenant, beneficiaryID string, on db.Date) (*ArisanRound, error) {
	var rs []ArisanRound
	err := t.DB().Table("arisan_rounds r").Select("r.*").
		Joins("JOIN arisan_members m ON m.tenant_id = r.tenant_id AND m.round_id = r.id").
		Where("r.tenant_id = ? AND m.beneficiary_id = ? AND r.completed_on IS NULL AND r.starts_on <= ?", t.ID, beneficiaryID, on).
		Order("r.starts_on, r.created_at, r.id").Limit(1).Find(&rs).Error
	if err != nil || len(rs) == 0 {
		return nil, err
	}
	return &rs[0], nil
}

// paidTurns counts each member's contributions to a round.
func paidTurns(t *db.Tenant, roundID string) (map[string]int, error) {
	var rows []struct {
		BeneficiaryID string
		N             int
	}
	err := t.DB().Model(&ArisanContribution{}).Select("beneficiary_id, count(*) AS n").
		Where("tenant_id = ? AND round_id = ?", t.ID, roundID).Group("beneficiary_id").Scan(&rows).Error
	out := make(map[string]int, len(rows))
	for _, r := range rows {
		out[r.BeneficiaryID] = r.N
	}
	return out, err
}

// ArisanDue answers, for the meeting sheet, the contribution of each
// listed member's running round on day (see runningRound); members in no
// running round are not in the map. One query for the whole sheet.
func (s *Service) ArisanDue(ctx context.Context, scope db.Scope, ids []string, day db.Date) (map[string]int64, error) {
	out := map[string]int64{}
	if len(ids) == 0 {
		return out, nil
	}
	err := scope.Read(ctx, func(t *db.Tenant) error {
		var rows []struct {
			BeneficiaryID string
			Contribution  int64
		}
		if err := t.DB().Table("arisan_rounds r").Select("m.beneficiary_id, r.contribution").
			Joins("JOIN arisan_members m ON m.tenant_id = r.tenant_id AND m.round_id = r.id").
			Where("r.tenant_id = ? AND m.beneficiary_id IN ? AND r.completed_on IS NULL AND r.starts_on <= ?", t.ID, ids, day).
			Order("r.starts_on, r.created_at, r.id").Scan(&rows).Error; err != nil {
			return fmt.Errorf("groupfund: arisan due: %w", err)
		}
		for _, r := range rows {
			if _, ok := out[r.BeneficiaryID]; !ok {
				out[r.BeneficiaryID] = r.Contribution
			}
		}
		return nil
	})
	return out, err
}
