package funds

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/stripe/stripe-go/v76/webhook"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
)

// ErrNotTestMode: a test payment needs a Stripe test key (sk_test_…) for
// the donation's host; with a live key it would fake real money.
var ErrNotTestMode = errors.New("a test payment needs a Stripe test key (sk_test_…); this host uses no test key")

// TestPayment builds the checkout.session.completed event Stripe would
// send when the donor of a pending online gift pays, signed with the
// secret the gift's host's webhook checks, so a developer can see a gift
// complete without a Stripe account. It refuses unless the host's Stripe
// key is a test key, and a gift that is not a pending online one.
func (s *Service) TestPayment(ctx context.Context, donationID string) (payload []byte, signature string, err error) {
	if !db.ValidID(donationID) {
		return nil, "", errs.ErrNotFound
	}
	var r Route
	if err := s.DB.Global(ctx).Where("ref = ?", donationID).Take(&r).Error; db.IsNotFound(err) {
		return nil, "", errs.ErrNotFound
	} else if err != nil {
		return nil, "", err
	}
	d, err := s.routedDonation(ctx, &r)
	if db.IsNotFound(err) {
		return nil, "", errs.ErrNotFound
	} else if err != nil {
		return nil, "", err
	}
	if d.Channel != ChannelOnline || d.Status != StatusPending || d.Frequency != "once" {
		return nil, "", errs.Conflict("not_pending", "only a pending one-time online gift can be paid in test mode")
	}
	if d.HostKey == nil {
		return nil, "", ErrNotTestMode
	}
	h, err := s.HostByKey(ctx, *d.HostKey)
	if err != nil {
		return nil, "", err
	}
	acct, ok, err := s.accountOf(h)
	if err != nil {
		return nil, "", err
	}
	if !ok || !strings.HasPrefix(acct.key, "sk_test_") {
		return nil, "", ErrNotTestMode
	}
	secret, err := s.secretOfHost(ctx, h.Key)
	if err != nil {
		return nil, "", err
	}
	if secret == "" {
		return nil, "", errNotConfigured
	}
	now := s.Now()
	payload, err = json.Marshal(map[string]any{
		"id": "evt_test_" + d.ID, "object": "event", "type": evCheckoutCompleted, "api_version": "2023-10-16",
		"created": now.Unix(), "livemode": false,
		"data": map[string]any{"object": map[string]any{
			"id": d.CheckoutSessionID, "object": "checkout.session", "client_reference_id": d.ID, "mode": "payment",
			"payment_status": "paid", "status": "complete", "amount_total": d.Amount, "currency": d.Currency,
			"payment_intent": "pi_test_" + strings.ReplaceAll(d.ID, "-", ""),
			"metadata":       map[string]any{"donation_id": d.ID},
		}},
	})
	if err != nil {
		return nil, "", err
	}
	signed := webhook.GenerateTestSignedPayload(&webhook.UnsignedPayload{Payload: payload, Secret: secret, Timestamp: now.Add(-time.Second)})
	return payload, signed.Header, nil
}

// LatestPendingGift returns the id of a group's newest pending one-time
// online gift, for "peduli dev pay latest".
func (s *Service) LatestPendingGift(ctx context.Context, slug string) (string, error) {
	t, err := s.Tenancy.Store.TenantBySlug(ctx, slug)
	if err != nil {
		return "", err
	}
	var ids []string
	err = s.DB.Scope(t.ID).Read(ctx, func(tx *db.Tenant) error {
		return tx.DB().Model(&Donation{}).Where("tenant_id = ? AND channel = ? AND status = ? AND frequency = ?",
			tx.ID, ChannelOnline, StatusPending, "once").Order("created_at DESC").Limit(1).Pluck("id", &ids).Error
	})
	if err != nil {
		return "", err
	}
	if len(ids) == 0 {
		return "", errs.ErrNotFound
	}
	return ids[0], nil
}
