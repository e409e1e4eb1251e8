package funds

import (
	"context"
	"time"

	"github.com/peduli/peduli/internal/platform/db"
)

// DiscrepancyView is a held payment as the treasurer sees it.
type DiscrepancyView struct {
	ID               string `json:"id"`
	DonationID       string `json:"donation_id"`
	EventType        string `json:"event_type"`
	ExpectedAmount   int64  `json:"expected_amount"`
	ExpectedCurrency string `json:"expected_currency"`
	StripeAmount     int64  `json:"stripe_amount"`
	StripeCurrency   string `json:"stripe_currency"`
	Status           string `json:"status"`
	CreatedAt        string `json:"created_at"`
}

// Discrepancies lists a group's payments held because Stripe's amount or
// currency differed from the donation, newest first: money Stripe reports
// that the ledger does not count until someone settles it with Stripe.
func (s *Service) Discrepancies(ctx context.Context, scope db.Scope) ([]DiscrepancyView, error) {
	var rows []Discrepancy
	err := scope.Read(ctx, func(tx *db.Tenant) error {
		return tx.DB().Where("tenant_id = ?", tx.ID).Order("created_at DESC, id DESC").Limit(200).Find(&rows).Error
	})
	out := make([]DiscrepancyView, len(rows))
	for i, r := range rows {
		out[i] = DiscrepancyView{ID: r.ID, DonationID: r.DonationID, EventType: r.EventType,
			ExpectedAmount: r.ExpectedAmount, ExpectedCurrency: r.ExpectedCurrency, StripeAmount: r.StripeAmount,
			StripeCurrency: r.StripeCurrency, Status: r.Status, CreatedAt: r.CreatedAt.UTC().Format(time.RFC3339)}
	}
	return out, err
}
