package groupfund

import (
	"time"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/journal"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/registry"
)

// CashRecord is what every row of cash a member pays in or takes out
// carries (savings, loan repayments, arisan and IKS contributions): the
// amount sealed under the group's key, the day, its receipt number, the
// journal entry that books it, and who recorded it when. It is embedded,
// so its columns stand in each row's own table.
type CashRecord struct {
	AmountSealed string
	KeyVersion   int
	PaidOn       db.Date
	ReceiptNo    string
	EntryID      string
	CreatedBy    *string
	CreatedAt    time.Time
}

// newCashRecord seals amount under key for the row whose additional data
// is aad, and stamps it with the day it was paid, who recorded it and now.
func newCashRecord(key registry.Key, amount int64, aad string, on db.Date, actor audit.Actor, now time.Time) CashRecord {
	c := CashRecord{AmountSealed: sealAmount(key, amount, aad), KeyVersion: key.Version, PaidOn: on, CreatedAt: now}
	if actor.UserID != "" {
		c.CreatedBy = &actor.UserID
	}
	return c
}

// book numbers the record's receipt in series for its year and posts p to
// the journal on the day paid, with the receipt number as its memo.
func (c *CashRecord) book(t *db.Tenant, actor audit.Actor, series string, p journal.Posting, now time.Time) error {
	var err error
	if c.ReceiptNo, err = nextReceipt(t, series, c.PaidOn.Time().Year()); err != nil {
		return err
	}
	p.OccurredOn, p.Memo = c.PaidOn, c.ReceiptNo
	entry, err := journal.Post(t, actor, p, now)
	if err != nil {
		return err
	}
	c.EntryID = entry.ID
	return nil
}
