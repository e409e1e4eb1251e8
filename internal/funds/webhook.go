package funds

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/stripe/stripe-go/v76"
	"github.com/stripe/stripe-go/v76/webhook"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/httpx"
)

// Outcomes of a webhook delivery, recorded with the event and answered.
const (
	OutcomeProcessed = "processed"
	OutcomeDuplicate = "duplicate"
	OutcomeIgnored   = "ignored"
	OutcomeUnrouted  = "unrouted"
)

// Event types Peduli acts on.
const (
	evCheckoutCompleted     = "checkout.session.completed"
	evAsyncPaymentSucceeded = "checkout.session.async_payment_succeeded"
	evAsyncPaymentFailed    = "checkout.session.async_payment_failed"
	evCheckoutExpired       = "checkout.session.expired"
	evInvoicePaid           = "invoice.paid"
	evChargeRefunded        = "charge.refunded"
)

// stripeObject is the part of an event's data.object Peduli reads: a
// Checkout Session, an invoice or a charge. Reading our own small struct
// rather than stripe-go's types keeps us independent of the account's API
// version, which only changes fields we do not read.
type stripeObject struct {
	ID                  string            `json:"id"`
	ClientReferenceID   string            `json:"client_reference_id"`
	Metadata            map[string]string `json:"metadata"`
	Mode                string            `json:"mode"`
	PaymentStatus       string            `json:"payment_status"`
	AmountTotal         int64             `json:"amount_total"`
	AmountPaid          int64             `json:"amount_paid"`
	AmountRefunded      int64             `json:"amount_refunded"`
	PaymentIntent       expandable        `json:"payment_intent"`
	Subscription        expandable        `json:"subscription"`
	SubscriptionDetails struct {
		Metadata map[string]string `json:"metadata"`
	} `json:"subscription_details"`
}

// expandable is a Stripe reference that is either an id or the expanded object.
type expandable string

// UnmarshalJSON accepts "id", {"id": ...} or null.
func (e *expandable) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*e = expandable(s)
		return nil
	}
	var o struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal(b, &o); err != nil {
		return err
	}
	*e = expandable(o.ID)
	return nil
}

// errNotYetRoutable: the event names no donation we know yet.
var errNotYetRoutable = errors.New("stripe event not yet routable")

// errNotConfigured: no webhook secret is set, so no event can be trusted.
var errNotConfigured = errors.New("stripe webhook secret not configured")

// VerifyEvent checks the Stripe-Signature header over the raw body against
// every known signing secret and decodes the event. Events are accepted in
// any API version: Stripe sends them in the version of the endpoint, which
// need not be the one stripe-go v76 pins (2023-10-16), and Peduli reads
// only version-stable fields of them.
func (s *Service) VerifyEvent(ctx context.Context, payload []byte, header string) (stripe.Event, error) {
	secrets, err := s.webhookSecrets(ctx)
	if err != nil {
		return stripe.Event{}, err
	}
	if len(secrets) == 0 {
		return stripe.Event{}, errNotConfigured
	}
	for _, secret := range secrets {
		ev, err := webhook.ConstructEventWithOptions(payload, header, secret,
			webhook.ConstructEventOptions{IgnoreAPIVersionMismatch: true})
		if err == nil {
			if ev.ID == "" || ev.Type == "" || ev.Data == nil {
				return stripe.Event{}, httpx.Malformed("the event has no id, type or data")
			}
			return ev, nil
		}
		if !signatureError(err) {
			// signed with this secret, but the body is not an event
			return stripe.Event{}, httpx.Malformed("the event is not valid JSON")
		}
	}
	p := httpx.NewProblem("malformed_request", "the Stripe signature is missing, wrong or too old")
	p.Code = "bad_signature"
	return stripe.Event{}, &httpx.ProblemError{Problem: p}
}

func signatureError(err error) bool {
	return errors.Is(err, webhook.ErrNotSigned) || errors.Is(err, webhook.ErrInvalidHeader) ||
		errors.Is(err, webhook.ErrNoValidSignature) || errors.Is(err, webhook.ErrTooOld)
}

// HandleEvent applies a verified event exactly once and returns the outcome.
// An event Peduli does not act on, or that names no donation of ours, is
// recorded as ignored.
func (s *Service) HandleEvent(ctx context.Context, ev stripe.Event) (string, error) {
	switch ev.Type {
	case evCheckoutCompleted, evAsyncPaymentSucceeded, evAsyncPaymentFailed, evCheckoutExpired, evInvoicePaid, evChargeRefunded:
	default:
		return OutcomeIgnored, s.recordGlobal(ctx, ev.ID, string(ev.Type), OutcomeIgnored)
	}
	var obj stripeObject
	if err := json.Unmarshal(ev.Data.Raw, &obj); err != nil {
		return "", httpx.Malformed("the event's object is not valid JSON")
	}
	route, err := s.routeOf(ctx, string(ev.Type), &obj)
	if err != nil {
		return "", err
	}
	if route == nil {
		if ev.Type == evChargeRefunded || ev.Type == evInvoicePaid {
			// A refund or an invoice can overtake the event that tells us
			// its payment intent or subscription. Nothing is recorded and
			// Stripe retries (for up to three days), by when it routes.
			return "", errNotYetRoutable
		}
		return OutcomeUnrouted, s.recordGlobal(ctx, ev.ID, string(ev.Type), OutcomeUnrouted)
	}
	outcome := OutcomeProcessed
	var settled []string
	err = s.DB.Scope(route.TenantID).Write(ctx, func(tx *db.Tenant) error {
		settled = nil
		fresh, err := recordEvent(tx, ev.ID, string(ev.Type), OutcomeProcessed)
		if err != nil || !fresh {
			outcome = OutcomeDuplicate
			return err
		}
		d, err := donationForUpdate(tx, route.DonationID)
		if err != nil {
			return err
		}
		if settled, err = s.apply(tx, string(ev.Type), d, &obj); err != nil {
			return err
		}
		return s.queueReceipts(tx, settled)
	})
	if err != nil {
		return "", err
	}
	return outcome, nil
}

// routeOf finds which tenant and donation an event is about: by the
// donation id we put in client_reference_id and metadata, else by a
// Stripe id we routed when we learned it.
func (s *Service) routeOf(ctx context.Context, typ string, o *stripeObject) (*Route, error) {
	refs := []string{o.ClientReferenceID, o.Metadata["donation_id"], o.SubscriptionDetails.Metadata["donation_id"]}
	switch typ {
	case evInvoicePaid:
		refs = append(refs, string(o.Subscription))
	case evChargeRefunded:
		// a charge of a monthly invoice routes to that month's own gift
		refs = append([]string{string(o.PaymentIntent)}, refs...)
	default:
		refs = append(refs, o.ID)
	}
	for _, ref := range refs {
		if ref == "" {
			continue
		}
		var r Route
		err := s.DB.Global(ctx).Where("ref = ?", ref).Take(&r).Error
		if err == nil {
			return &r, nil
		}
		if !db.IsNotFound(err) {
			return nil, err
		}
	}
	return nil, nil
}

// recordGlobal records an event that touches no tenant; a copy seen before
// changes nothing.
func (s *Service) recordGlobal(ctx context.Context, id, typ, outcome string) error {
	return s.DB.Global(ctx).Exec(`INSERT INTO stripe_events (id, type, tenant_id, outcome, received_at)
		VALUES (?, ?, NULL, ?, ?) ON CONFLICT (id) DO NOTHING`, id, typ, outcome, s.Now()).Error
}

// recordEvent inserts the event id in the tenant's transaction. false means
// another delivery of the same event got there first: its effects are
// already committed (or will be, and this transaction waited for them), so
// this one must do nothing.
func recordEvent(tx *db.Tenant, id, typ, outcome string) (bool, error) {
	res := tx.DB().Exec(`INSERT INTO stripe_events (id, type, tenant_id, outcome, received_at)
		VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`, id, typ, tx.ID, outcome, nowUTC())
	return res.RowsAffected == 1, res.Error
}
