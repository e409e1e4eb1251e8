package groupfund

import (
	"fmt"
	"time"

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
	AmountSealed  string
	KeyVersion    int
	PaidOn        db.Date
	ReceiptNo     string
	EntryID       string
	CreatedBy     *string
	CreatedAt     time.Time
	Amount        int64 `gorm:"-"`
}

// TableName is arisan_contributions.
func (ArisanContribution) TableName() string { return "arisan_contributions" }

func arisanAAD(id string) string { return "arisan_contributions.amount:" + id }

// arisanIn records a member's arisan contribution inside the caller's
// transaction: cash comes in and is held for the round.
func (s *Service) arisanIn(t *db.Tenant, key registry.Key, actor audit.Actor, beneficiaryID string, amount int64, on db.Date, field string) (*ArisanContribution, error) {
	if amount <= 0 || amount > journal.MaxAmount {
		return nil, errs.Invalid(field, "gt", "must be a positive amount")
	}
	now := s.Now()
	c := &ArisanContribution{TenantID: t.ID, ID: db.NewID(), BeneficiaryID: beneficiaryID, KeyVersion: key.Version,
		PaidOn: on, CreatedAt: now, Amount: amount}
	c.AmountSealed = sealAmount(key, amount, arisanAAD(c.ID))
	if actor.UserID != "" {
		c.CreatedBy = &actor.UserID
	}
	var err error
	if c.ReceiptNo, err = nextReceipt(t, "arisan", on.Time().Year()); err != nil {
		return nil, err
	}
	entry, err := journal.Post(t, actor, journal.Posting{OccurredOn: on, Source: "arisan_contribution", SourceID: c.ID,
		Memo: c.ReceiptNo, Lines: []journal.Line{journal.Debit(journal.Cash, amount), journal.Credit(journal.ArisanHeld, amount)}}, now)
	if err != nil {
		return nil, err
	}
	c.EntryID = entry.ID
	if err := t.DB().Create(c).Error; err != nil {
		return nil, fmt.Errorf("groupfund: arisan: %w", err)
	}
	return c, audit.Record(t, actor, audit.Create, "arisan_contribution", c.ID, "beneficiary_id", "amount", "paid_on")
}
