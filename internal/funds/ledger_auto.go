package funds

import (
	"fmt"
	"strings"

	"github.com/peduli/peduli/internal/platform/clock"
	"github.com/peduli/peduli/internal/platform/db"
)

// Categories of the entries Peduli writes itself.
const (
	CategoryDonation = "donasi"
	CategoryRefund   = "pengembalian"
)

// giftEntry returns the income entry of a gift, writing it the first time.
// Its source key is unique per tenant, so no path (webhook, replay,
// reconciliation) can book the same gift twice.
func (s *Service) giftEntry(tx *db.Tenant, d *Donation) (*LedgerEntry, error) {
	key := "gift:" + d.ID
	var e LedgerEntry
	err := tx.DB().Where("tenant_id = ? AND source_key = ?", tx.ID, key).Take(&e).Error
	if err == nil {
		return &e, nil
	}
	if !db.IsNotFound(err) {
		return nil, err
	}
	e = LedgerEntry{TenantID: tx.ID, ID: db.NewID(), Kind: KindIncome, Source: sourceOf(d.Channel),
		Amount: d.Amount, Currency: Currency, Category: CategoryDonation, ProgramID: d.ProgramID,
		OccurredOn: s.today(), DonationID: &d.ID, SourceKey: &key, CreatedAt: s.Now()}
	if d.ReceivedOn != nil && *d.ReceivedOn != "" {
		e.OccurredOn = day(*d.ReceivedOn)
	}
	if d.ReceiptNumber != "" {
		e.Note = d.ReceiptNumber
	}
	return &e, tx.DB().Create(&e).Error
}

// refundEntry writes the entry reversing (part of) a gift, once.
func (s *Service) refundEntry(tx *db.Tenant, d *Donation, gift *LedgerEntry, amount int64) error {
	key := "refund:" + d.ID
	var n int64
	if err := tx.DB().Model(&LedgerEntry{}).Where("tenant_id = ? AND source_key = ?", tx.ID, key).Count(&n).Error; err != nil || n > 0 {
		return err
	}
	e := LedgerEntry{TenantID: tx.ID, ID: db.NewID(), Kind: gift.Kind, Source: gift.Source,
		Amount: -amount, Currency: gift.Currency, Category: gift.Category, ProgramID: gift.ProgramID,
		OccurredOn: s.today(), Note: CategoryRefund, DonationID: &d.ID, ReversesID: &gift.ID,
		SourceKey: &key, CreatedAt: s.Now()}
	return tx.DB().Create(&e).Error
}

func sourceOf(channel string) string {
	switch channel {
	case ChannelCash:
		return SourceCash
	case ChannelTransfer:
		return SourceTransfer
	case ChannelInKind:
		return SourceInKind
	}
	return SourceOnline
}

// nextReceiptNumber takes the next number of a series for this year in the
// caller's transaction: the counter row stays locked until it commits, and
// a rollback gives the number back, so numbers have no gaps.
func (s *Service) nextReceiptNumber(tx *db.Tenant, series string) (string, error) {
	year := s.Now().In(clock.Zone).Year()
	var n int64
	err := tx.DB().Raw(`INSERT INTO receipt_counters (series, year, last_number) VALUES (?, ?, 1)
		ON CONFLICT (series, year) DO UPDATE SET last_number = receipt_counters.last_number + 1
		RETURNING last_number`, series, year).Scan(&n).Error
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%s/%d/%06d", seriesPrefix(series), year, n), nil
}

// seriesPrefix shortens a series for the printed number:
// "yayasan-peduli-nusantara" → "YPN".
func seriesPrefix(series string) string {
	if strings.HasPrefix(series, "group:") {
		return "KAS"
	}
	var b strings.Builder
	for _, part := range strings.Split(series, "-") {
		if part != "" {
			b.WriteString(strings.ToUpper(part[:1]))
		}
	}
	return b.String()
}
