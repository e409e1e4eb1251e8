package funds

import (
	"errors"
	"strings"
	"time"

	"github.com/peduli/peduli/internal/platform/db"
)

// fits checks that an event's type suits the donation it was routed to:
// Stripe sends checkout events for a gift's own session, invoices only for
// a monthly gift's subscription, and refunds for a payment. A signed event
// that does not fit is a host's mistake or a forgery, never applied.
func fits(typ string, d *Donation, o *stripeObject) error {
	if d.Channel != ChannelOnline {
		return errors.New("the donation is not an online gift")
	}
	switch typ {
	case evCheckoutCompleted, evAsyncPaymentSucceeded, evAsyncPaymentFailed, evCheckoutExpired:
		switch {
		case d.ParentID != nil:
			return errors.New("a monthly payment has no checkout session of its own")
		case o.Mode == "subscription" && d.Frequency != "month":
			return errors.New("a subscription checkout for a one-time gift")
		case o.Mode == "payment" && d.Frequency != "once":
			return errors.New("a one-time checkout for a monthly gift")
		case d.CheckoutSessionID != "" && o.ID != d.CheckoutSessionID:
			return errors.New("a checkout session that is not the gift's")
		}
	case evInvoicePaid:
		switch {
		case d.Frequency != "month" || d.ParentID != nil:
			return errors.New("an invoice for a gift that is not a monthly gift")
		case o.Subscription == "":
			return errors.New("an invoice without a subscription")
		case d.SubscriptionID != "" && string(o.Subscription) != d.SubscriptionID:
			return errors.New("an invoice of another subscription")
		}
	case evChargeRefunded:
		switch {
		case d.Frequency == "month" && d.ParentID == nil:
			return errors.New("a refund must name one monthly payment, not the monthly gift")
		case d.PaymentIntentID != "" && o.PaymentIntent != "" && string(o.PaymentIntent) != d.PaymentIntentID:
			return errors.New("a refund of another payment")
		}
	}
	return nil
}

// Discrepancy is a Stripe payment, invoice or refund whose amount or
// currency differs from its donation; it is held for the treasurer, not
// credited (table payment_discrepancies).
type Discrepancy struct {
	TenantID         string `gorm:"primaryKey"`
	ID               string `gorm:"primaryKey"`
	DonationID       string
	EventID          string
	EventType        string
	ExpectedAmount   int64
	ExpectedCurrency string
	StripeAmount     int64
	StripeCurrency   string
	Status           string
	CreatedAt        time.Time
}

// TableName is payment_discrepancies.
func (Discrepancy) TableName() string { return "payment_discrepancies" }

// mismatch returns the discrepancy an event would credit, or nil when its
// money matches the donation (or it credits nothing). Only gifts that the
// event would move to paid, a month's payment and a refund are compared.
func mismatch(typ string, d *Donation, o *stripeObject) *Discrepancy {
	amount, currency, expected := int64(0), o.Currency, d.Amount
	switch typ {
	case evCheckoutCompleted, evAsyncPaymentSucceeded:
		credits := d.Status == StatusPending || d.Status == StatusFailed || d.Status == StatusRefunded
		if o.Mode == "subscription" || !credits || (typ == evCheckoutCompleted && o.PaymentStatus != "paid" && o.PaymentStatus != "no_payment_required") {
			return nil
		}
		amount = o.AmountTotal
	case evInvoicePaid:
		if o.AmountPaid <= 0 {
			return nil
		}
		amount = o.AmountPaid
	case evChargeRefunded:
		amount = o.AmountRefunded
		if o.Amount != 0 && o.Amount != d.Amount {
			amount = o.Amount
		} else if amount <= d.Amount && sameCurrency(currency, d.Currency) {
			return nil // a partial refund is normal
		}
	default:
		return nil
	}
	if amount == expected && sameCurrency(currency, d.Currency) {
		return nil
	}
	return &Discrepancy{DonationID: d.ID, EventType: typ, ExpectedAmount: expected, ExpectedCurrency: d.Currency,
		StripeAmount: amount, StripeCurrency: strings.ToLower(currency), Status: "open"}
}

func sameCurrency(a, b string) bool { return a != "" && strings.EqualFold(a, b) }

// hold stores a discrepancy once per event id.
func (s *Service) hold(tx *db.Tenant, eventID string, x *Discrepancy) error {
	x.TenantID, x.ID, x.EventID, x.CreatedAt = tx.ID, db.NewID(), eventID, s.Now()
	s.Log.Warn("stripe amount or currency differs from the donation; held for the treasurer",
		"tenant", tx.ID, "donation", x.DonationID, "event", eventID)
	return tx.DB().Exec(`INSERT INTO payment_discrepancies (tenant_id, id, donation_id, event_id, event_type,
		expected_amount, expected_currency, stripe_amount, stripe_currency, status, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, event_id) DO NOTHING`,
		x.TenantID, x.ID, x.DonationID, x.EventID, x.EventType, x.ExpectedAmount, x.ExpectedCurrency,
		x.StripeAmount, x.StripeCurrency, x.Status, x.CreatedAt).Error
}
