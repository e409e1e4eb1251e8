package funds

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
)

// Outcomes of a webhook delivery, recorded with the event and answered.
const (
	OutcomeProcessed = "processed"
	OutcomeDuplicate = "duplicate"
	OutcomeIgnored   = "ignored"
	OutcomeUnrouted  = "unrouted"
	// OutcomeHeld: the event's amount or currency differs from the
	// donation's, so it was stored as a discrepancy and not credited.
	OutcomeHeld = "held"
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
	Amount              int64             `json:"amount"`
	Currency            string            `json:"currency"`
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

// delivery is the envelope of an event as it arrives, read before its
// signature is checked so that it can be routed to the one secret that
// may sign it.
type delivery struct {
	ID   string `json:"id"`
	Type string `json:"type"`
	Data *struct {
		Object json.RawMessage `json:"object"`
	} `json:"data"`
}

// Receive checks one delivery and applies it exactly once. Hosts sign
// with their own secrets, and a host must never move another host's
// money, so the event is routed first — to the donation it names — and
// then verified only with the secret of that donation's host. A delivery
// that secret does not verify, that is dated ahead of our clock, or whose
// type does not fit the donation is refused with 400 and writes nothing
// but a log line. Events that touch no donation (a type Peduli does not
// act on, a donation not ours) need any secret we know. Events are
// accepted in any API version: Stripe sends them in the version of the
// endpoint, and Peduli reads only version-stable fields of them.
func (s *Service) Receive(ctx context.Context, payload []byte, header string) (string, error) {
	if err := s.checkTimestamp(header); err != nil {
		return "", err
	}
	var ev delivery
	if err := json.Unmarshal(payload, &ev); err != nil || ev.ID == "" || ev.Type == "" || ev.Data == nil || len(ev.Data.Object) == 0 {
		if ok, err := s.verifiedByAny(ctx, payload, header); err != nil || !ok {
			s.refuse("no known secret verifies it", "", "", "")
			return "", signatureFailure(err)
		}
		return "", errs.Malformed("", "the event is not valid JSON or has no id, type or data")
	}
	var obj stripeObject
	objErr := json.Unmarshal(ev.Data.Object, &obj)
	var route *Route
	if objErr == nil && handled(ev.Type) {
		var err error
		if route, err = s.routeOf(ctx, ev.Type, &obj); err != nil {
			return "", err
		}
	}
	if route == nil {
		if ok, err := s.verifiedByAny(ctx, payload, header); err != nil || !ok {
			s.refuse("no known secret verifies it", ev.ID, ev.Type, "")
			return "", signatureFailure(err)
		}
		switch {
		case objErr != nil:
			return "", errs.Malformed("", "the event's object is not valid JSON")
		case !handled(ev.Type):
			return OutcomeIgnored, s.recordGlobal(ctx, ev.ID, ev.Type, OutcomeIgnored)
		case ev.Type == evChargeRefunded || ev.Type == evInvoicePaid:
			// A refund or an invoice can overtake the event that tells us
			// its payment intent or subscription. Nothing is recorded and
			// Stripe retries (for up to three days), by when it routes.
			return "", errNotYetRoutable
		}
		return OutcomeUnrouted, s.recordGlobal(ctx, ev.ID, ev.Type, OutcomeUnrouted)
	}
	d, err := s.routedDonation(ctx, route)
	if err != nil {
		return "", err
	}
	host := ""
	if d.HostKey != nil {
		host = *d.HostKey
	}
	secret := ""
	if host != "" {
		if secret, err = s.secretOfHost(ctx, host); err != nil {
			return "", err
		}
	}
	if host != "" && secret == "" {
		return "", errNotConfigured
	}
	if !validSignature(payload, header, secret) {
		s.refuse("the donation's host's secret does not verify it", ev.ID, ev.Type, host)
		return "", badSignature()
	}
	if err := fits(ev.Type, d, &obj); err != nil {
		s.refuse(err.Error(), ev.ID, ev.Type, host)
		return "", errs.Malformed("event_mismatch", "the event does not fit the donation it names: "+err.Error())
	}
	return s.applyEvent(ctx, ev.ID, ev.Type, route, host, &obj)
}

// signatureFailure answers a delivery no secret verified, or the fault
// that kept us from checking.
func signatureFailure(err error) error {
	if err != nil {
		return err
	}
	return badSignature()
}

func handled(typ string) bool {
	switch typ {
	case evCheckoutCompleted, evAsyncPaymentSucceeded, evAsyncPaymentFailed, evCheckoutExpired, evInvoicePaid, evChargeRefunded:
		return true
	}
	return false
}

// routedDonation reads the donation a route names, for choosing the
// secret; the write transaction reads it again under a lock.
func (s *Service) routedDonation(ctx context.Context, r *Route) (*Donation, error) {
	var d Donation
	err := s.DB.Scope(r.TenantID).Read(ctx, func(tx *db.Tenant) error {
		return tx.DB().Where("tenant_id = ? AND id = ?", tx.ID, r.DonationID).Take(&d).Error
	})
	return &d, err
}

// applyEvent applies a verified, routed event exactly once: its id is
// recorded in the same transaction as its effects.
func (s *Service) applyEvent(ctx context.Context, id, typ string, route *Route, host string, obj *stripeObject) (string, error) {
	outcome := OutcomeProcessed
	var settled []string
	err := s.DB.Scope(route.TenantID).Write(ctx, func(tx *db.Tenant) error {
		settled, outcome = nil, OutcomeProcessed
		d, err := donationForUpdate(tx, route.DonationID)
		if err != nil {
			return err
		}
		if d.HostKey == nil || *d.HostKey != host {
			return errors.New("funds: the donation's host changed while its event was checked")
		}
		held := mismatch(typ, d, obj)
		if held != nil {
			outcome = OutcomeHeld
		}
		fresh, err := recordEvent(tx, id, typ, outcome)
		if err != nil || !fresh {
			outcome = OutcomeDuplicate
			return err
		}
		if held != nil {
			return s.hold(tx, id, held)
		}
		if settled, err = s.apply(tx, typ, d, obj); err != nil {
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
