package funds

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/stripe/stripe-go/v76/webhook"

	"github.com/peduli/peduli/internal/platform/errs"
)

// signatureTolerance is how far a signature's timestamp may lie from now,
// in the past (a replay) or in the future (a signature made to outlive
// its replay window).
const signatureTolerance = webhook.DefaultTolerance

// errNotConfigured: no webhook secret is set, so no event can be trusted.
var errNotConfigured = errors.New("stripe webhook secret not configured")

// badSignature is the answer to a delivery no secret we may use verifies.
func badSignature() error {
	return errs.Malformed("bad_signature", "the Stripe signature is missing, wrong or not current")
}

// refuse logs why a delivery is refused, with nothing personal: the
// event's id and type and the host whose secret was required.
func (s *Service) refuse(reason, eventID, typ, host string) {
	s.Log.Warn("stripe event refused", "reason", reason, "event", eventID, "type", typ, "host", host)
}

// signedAt reads the timestamp of a Stripe-Signature header as Stripe's
// library does (the last "t=" wins); ok is false when there is none.
func signedAt(header string) (time.Time, bool) {
	var at time.Time
	ok := false
	for _, pair := range strings.Split(header, ",") {
		k, v, found := strings.Cut(pair, "=")
		if !found || k != "t" {
			continue
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return time.Time{}, false
		}
		at, ok = time.Unix(n, 0), true
	}
	return at, ok
}

// checkTimestamp refuses a signature dated more than the tolerance ahead
// of our clock; Stripe's library refuses only old ones.
func (s *Service) checkTimestamp(header string) error {
	at, ok := signedAt(header)
	if ok && at.After(s.Now().Add(signatureTolerance)) {
		s.refuse("signature timestamp in the future", "", "", "")
		return badSignature()
	}
	return nil
}

// validSignature reports whether header signs payload with secret now.
func validSignature(payload []byte, header, secret string) bool {
	return secret != "" && webhook.ValidatePayloadWithTolerance(payload, header, secret, signatureTolerance) == nil
}

// verifiedByAny reports whether any secret we know signs the payload. It
// is used only for deliveries that touch no donation (an event type we do
// not act on, or one that names no donation of ours).
func (s *Service) verifiedByAny(ctx context.Context, payload []byte, header string) (bool, error) {
	secrets, err := s.webhookSecrets(ctx)
	if err != nil {
		return false, err
	}
	if len(secrets) == 0 {
		return false, errNotConfigured
	}
	for _, secret := range secrets {
		if validSignature(payload, header, secret) {
			return true, nil
		}
	}
	return false, nil
}

// secretOfHost is the secret events about a host's donations are signed
// with: the host's own when it has its own Stripe account, else the
// platform's. "" means none is configured.
func (s *Service) secretOfHost(ctx context.Context, key string) (string, error) {
	h, err := s.HostByKey(ctx, key)
	if err != nil {
		return "", err
	}
	_, own, err := s.openHostSecrets(h)
	if err != nil {
		return "", err
	}
	if len(h.StripeKeyWrapped) > 0 {
		return own, nil
	}
	return s.WebhookSecret, nil
}
