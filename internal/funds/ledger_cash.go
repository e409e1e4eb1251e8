package funds

import (
	"fmt"

	"github.com/peduli/peduli/internal/journal"
	"github.com/peduli/peduli/internal/platform/db"
)

// CashOnHand is the one cash figure a treasurer counts against her box
// and the group's account. The group keeps two books over that cash:
// this ledger for the group's own money (gifts, income, spending, which
// reports and donors see) and the journal for the members' money
// (savings, loans, arisan, the IKS social fund). Member money never posts
// to the ledger, so a deposit is never read as the group's income, and
// the ledger never posts to the journal, so donors' earmarked money is
// never lent out (a loan needs the journal's cash). The two meet here.
type CashOnHand struct {
	// Ledger is the ledger's counted balance less the online gifts the
	// host still holds.
	Ledger int64 `json:"ledger"`
	// MembersFund is the journal's cash account (1100).
	MembersFund int64 `json:"members_fund"`
	// Total is what the treasurer should hold in all.
	Total    int64  `json:"total"`
	Currency string `json:"currency"`
}

// loadFundCash reads the journal's cash inside the book's transaction.
func (b *Book) loadFundCash(tx *db.Tenant) error {
	c, err := journal.Balance(tx, journal.Cash)
	if err != nil {
		return fmt.Errorf("funds: members' fund cash: %w", err)
	}
	b.fundCash = c
	return nil
}

// Cash is the book's cash on hand with the members' fund's; only counted
// entries move it, as they do the totals.
func (b *Book) Cash() CashOnHand {
	t := b.Totals()
	c := CashOnHand{Ledger: t.Balance - t.HeldByHost, MembersFund: b.fundCash, Currency: Currency}
	c.Total = c.Ledger + c.MembersFund
	return c
}
