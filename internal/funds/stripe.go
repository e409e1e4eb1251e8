package funds

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/stripe/stripe-go/v76"
	"github.com/stripe/stripe-go/v76/checkout/session"
)

// Stripe reaches Stripe's API (or stripe-mock, through APIBase) with the
// key of the host that receives a gift.
type Stripe struct {
	// PlatformKey is the platform's secret key (PEDULI_STRIPE_SECRET_KEY).
	PlatformKey string
	backend     stripe.Backend
}

// stripeTimeout bounds one call to Stripe: a donor waiting longer gives up,
// and the pending donation stays recorded for reconciliation anyway.
const stripeTimeout = 15 * time.Second

// NewStripe builds the client; apiBase empty means Stripe itself.
func NewStripe(platformKey, apiBase string) *Stripe {
	cfg := &stripe.BackendConfig{
		HTTPClient:        &http.Client{Timeout: stripeTimeout},
		MaxNetworkRetries: stripe.Int64(1),
		// stripe-go logs request failures with their messages; our own
		// log line says what failed without the donor's data.
		LeveledLogger: &stripe.LeveledLogger{Level: stripe.LevelNull},
	}
	if apiBase != "" {
		cfg.URL = stripe.String(apiBase)
	}
	return &Stripe{PlatformKey: platformKey, backend: stripe.GetBackendWithConfig(stripe.APIBackend, cfg)}
}

// account is how one host reaches Stripe: its own secret key, or the
// platform key acting on the host's connected account.
type account struct {
	key       string
	connected string // acct_... when the platform key acts for the host
}

func (s *Stripe) sessions(a account) session.Client {
	return session.Client{B: s.backend, Key: a.key}
}

// Session is what Peduli needs of a Checkout Session.
type Session struct {
	ID                string
	URL               string
	Status            string // open, complete, expired
	PaymentStatus     string // paid, unpaid, no_payment_required
	ClientReferenceID string
	PaymentIntentID   string
	SubscriptionID    string
	AmountTotal       int64
	Currency          string
}

func sessionOf(cs *stripe.CheckoutSession) *Session {
	out := &Session{ID: cs.ID, URL: cs.URL, Status: string(cs.Status), PaymentStatus: string(cs.PaymentStatus),
		ClientReferenceID: cs.ClientReferenceID, AmountTotal: cs.AmountTotal, Currency: string(cs.Currency)}
	if cs.PaymentIntent != nil {
		out.PaymentIntentID = cs.PaymentIntent.ID
	}
	if cs.Subscription != nil {
		out.SubscriptionID = cs.Subscription.ID
	}
	return out
}

// CheckoutInput describes the Checkout Session for one donation.
type CheckoutInput struct {
	DonationID  string
	TenantSlug  string
	GroupName   string
	Amount      int64
	Monthly     bool
	DonorEmail  string
	Locale      string
	SuccessURL  string
	CancelURL   string
	Description string
}

// CreateCheckout creates the Checkout Session. The idempotency key is
// derived from the donation id, so a retried request never makes a second
// session (or a second charge) for the same donation.
func (s *Stripe) CreateCheckout(ctx context.Context, a account, in CheckoutInput) (*Session, error) {
	meta := map[string]string{"donation_id": in.DonationID, "tenant": in.TenantSlug}
	price := &stripe.CheckoutSessionLineItemPriceDataParams{
		Currency:   stripe.String(Currency),
		UnitAmount: stripe.Int64(in.Amount),
		ProductData: &stripe.CheckoutSessionLineItemPriceDataProductDataParams{
			Name: stripe.String(in.Description),
		},
	}
	p := &stripe.CheckoutSessionParams{
		ClientReferenceID: stripe.String(in.DonationID),
		SuccessURL:        stripe.String(in.SuccessURL),
		CancelURL:         stripe.String(in.CancelURL),
		LineItems:         []*stripe.CheckoutSessionLineItemParams{{PriceData: price, Quantity: stripe.Int64(1)}},
		Locale:            stripe.String(stripeLocale(in.Locale)),
	}
	p.Metadata = meta
	if in.DonorEmail != "" {
		p.CustomerEmail = stripe.String(in.DonorEmail)
	}
	if in.Monthly {
		p.Mode = stripe.String(string(stripe.CheckoutSessionModeSubscription))
		price.Recurring = &stripe.CheckoutSessionLineItemPriceDataRecurringParams{Interval: stripe.String("month")}
		p.SubscriptionData = &stripe.CheckoutSessionSubscriptionDataParams{Metadata: meta}
	} else {
		p.Mode = stripe.String(string(stripe.CheckoutSessionModePayment))
		p.PaymentIntentData = &stripe.CheckoutSessionPaymentIntentDataParams{Metadata: meta}
	}
	p.SetIdempotencyKey("peduli-checkout-" + in.DonationID)
	if a.connected != "" {
		p.SetStripeAccount(a.connected)
	}
	ctx, cancel := context.WithTimeout(ctx, stripeTimeout)
	defer cancel()
	p.Context = ctx
	cs, err := s.sessions(a).New(p)
	if err != nil {
		return nil, unavailable(err)
	}
	return sessionOf(cs), nil
}

// GetSession retrieves a Checkout Session.
func (s *Stripe) GetSession(ctx context.Context, a account, id string) (*Session, error) {
	p := &stripe.CheckoutSessionParams{}
	if a.connected != "" {
		p.SetStripeAccount(a.connected)
	}
	ctx, cancel := context.WithTimeout(ctx, stripeTimeout)
	defer cancel()
	p.Context = ctx
	cs, err := s.sessions(a).Get(id, p)
	if err != nil {
		return nil, unavailable(err)
	}
	return sessionOf(cs), nil
}

// ErrStripeUnavailable means Stripe did not answer usefully; the caller
// keeps what it recorded and tries later.
var ErrStripeUnavailable = errors.New("payment provider unavailable")

func unavailable(err error) error { return errors.Join(ErrStripeUnavailable, err) }

func stripeLocale(l string) string {
	if l == "en" {
		return "en"
	}
	return "id"
}

// describe names a Stripe failure for the log without its message, which
// can quote request values such as the donor's email.
func describe(err error) string {
	var se *stripe.Error
	if errors.As(err, &se) {
		return fmt.Sprintf("stripe %d %s %s", se.HTTPStatusCode, se.Type, se.Code)
	}
	var ne net.Error
	if errors.As(err, &ne) {
		if ne.Timeout() {
			return "network timeout"
		}
		return "network error"
	}
	return "unknown error"
}
