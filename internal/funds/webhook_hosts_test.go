package funds_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stripe/stripe-go/v76/webhook"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/testkit"
)

const otherHostSecret = "whsec_other_host_secret_4242"

// signWith signs a payload with a given webhook secret at time at.
func signWith(payload []byte, secret string, at time.Time) string {
	return webhook.GenerateTestSignedPayload(&webhook.UnsignedPayload{Payload: payload, Secret: secret, Timestamp: at}).Header
}

// hostWithOwnKeys registers a host with its own Stripe keys and webhook
// secret and attaches a new verified group to it.
func hostWithOwnKeys(t *testing.T, e *testkit.Env) *testkit.Group {
	t.Helper()
	admin := e.PlatformAdmin()
	key := testkit.Unique("yayasan-lain")
	e.Do(http.MethodPost, "/api/v1/admin/hosts", admin.Token, map[string]any{"key": key, "name": "Yayasan Lain",
		"permit":            map[string]any{"number": "460/0100/PUB/2026", "area": "NTT", "valid_from": "2026-01-01", "valid_until": "2030-12-31"},
		"stripe_secret_key": "sk_test_otherHost4242", "stripe_webhook_secret": otherHostSecret}).Expect(http.StatusCreated)
	g := e.SignupGroup("Kelompok Yayasan Lain")
	e.VerifyGroup(g)
	e.Do(http.MethodPost, "/api/v1/admin/hosts/"+key+"/groups", admin.Token, map[string]any{"slug": g.Slug}).Expect(http.StatusOK)
	return g
}

// TestWebhookVerifiesWithTheDonationsHost forges events with a second
// host's secret against a group on the default host (and the platform's
// secret against the second host's group): each is refused with 400 and
// writes nothing, while each host's own events still apply.
func TestWebhookVerifiesWithTheDonationsHost(t *testing.T) {
	testkit.RunStripe(t, func(t *testing.T, e *testkit.Env) {
		g := e.ProvisionedGroup(rindu)
		other := hostWithOwnKeys(t, e)
		d, cs := giveOnline(t, e, rindu, 5000000, "once")
		od, ocs := giveOnline(t, e, other.Slug, 5000000, "once")
		events, entries := e.CountRows("stripe_events", ""), e.CountRows("ledger_entries", g.TenantID)
		now := time.Now()

		// the other host's secret cannot touch a default-host gift
		forged := completed("evt_forged_"+d, d, cs, 5000000)
		e.DeliverEvent(forged, signWith(forged, otherHostSecret, now)).ExpectProblem(http.StatusBadRequest, "bad_signature")
		inflated := testkit.StripeEvent("evt_forged_inv_"+d, "invoice.paid", map[string]any{"id": "in_forged_" + d, "object": "invoice",
			"amount_paid": 99900000000, "currency": "idr", "subscription": "sub_forged_" + d,
			"subscription_details": map[string]any{"metadata": map[string]any{"donation_id": d}}})
		e.DeliverEvent(inflated, signWith(inflated, otherHostSecret, now)).ExpectProblem(http.StatusBadRequest, "bad_signature")
		// nor can the platform's secret touch the other host's gift
		forgedOther := completed("evt_forged_other_"+od, od, ocs, 5000000)
		e.DeliverEvent(forgedOther, testkit.SignEvent(forgedOther, now)).ExpectProblem(http.StatusBadRequest, "bad_signature")
		// a signature dated in the future is refused even with the right secret
		early := completed("evt_future_"+d, d, cs, 5000000)
		e.DeliverEvent(early, testkit.SignEvent(early, now.Add(10*time.Minute))).ExpectProblem(http.StatusBadRequest, "bad_signature")

		if n := e.CountRows("stripe_events", ""); n != events {
			t.Fatalf("refused deliveries recorded %d events", n-events)
		}
		if n := e.CountRows("ledger_entries", g.TenantID); n != entries {
			t.Fatalf("refused deliveries wrote %d ledger entries", n-entries)
		}
		for _, id := range []string{d, od} {
			if status, _ := donationStatus(t, e, id); status != "pending" {
				t.Fatalf("a refused delivery changed donation %s to %s", id, status)
			}
		}
		if !strings.Contains(e.Logs.String(), "stripe event refused") {
			t.Fatalf("no refusal in the log")
		}
		pub := e.Do(http.MethodGet, "/api/v1/public/groups/"+rindu+"/ledger", "", nil).Expect(http.StatusOK)
		if strings.Contains(string(pub.Body), "99900000000") {
			t.Fatalf("the forged invoice reached the public ledger")
		}

		// each host's own signature still applies its own gifts
		deliver(e, completed("evt_own_"+d, d, cs, 5000000)).Expect(http.StatusOK)
		own := completed("evt_own_other_"+od, od, ocs, 5000000)
		e.DeliverEvent(own, signWith(own, otherHostSecret, now)).Expect(http.StatusOK)
		for _, id := range []string{d, od} {
			if status, _ := donationStatus(t, e, id); status != "succeeded" {
				t.Fatalf("donation %s ended %s", id, status)
			}
		}
	})
}

// TestWebhookRefusesEventsThatDoNotFit sends correctly signed events whose
// type does not suit the gift they name: an invoice for a one-time gift,
// an invoice of another subscription, a subscription checkout for a
// one-time gift. Each is 400 and changes nothing.
func TestWebhookRefusesEventsThatDoNotFit(t *testing.T) {
	testkit.RunStripe(t, func(t *testing.T, e *testkit.Env) {
		g := e.ProvisionedGroup(rindu)
		once, cs := giveOnline(t, e, rindu, 5000000, "once")
		monthly, mcs := giveOnline(t, e, rindu, 2500000, "month")
		deliver(e, testkit.StripeEvent("evt_fit_sub_"+monthly, "checkout.session.completed", map[string]any{
			"id": mcs, "client_reference_id": monthly, "mode": "subscription", "payment_status": "paid",
			"subscription": "sub_" + monthly, "amount_total": 2500000, "currency": "idr"})).Expect(http.StatusOK)
		donations, events := e.CountRows("donations", g.TenantID), e.CountRows("stripe_events", "")

		invoice := func(id, donation, sub string) []byte {
			return testkit.StripeEvent(id, "invoice.paid", map[string]any{"id": "in_" + id, "object": "invoice",
				"amount_paid": 2500000, "currency": "idr", "subscription": sub,
				"subscription_details": map[string]any{"metadata": map[string]any{"donation_id": donation}}})
		}
		deliver(e, invoice("evt_fit_inv_once", once, "sub_x_"+once)).ExpectProblem(http.StatusBadRequest, "event_mismatch")
		deliver(e, invoice("evt_fit_inv_other", monthly, "sub_other_"+monthly)).ExpectProblem(http.StatusBadRequest, "event_mismatch")
		deliver(e, testkit.StripeEvent("evt_fit_mode_"+once, "checkout.session.completed", map[string]any{
			"id": cs, "client_reference_id": once, "mode": "subscription", "payment_status": "paid",
			"subscription": "sub_y_" + once, "amount_total": 5000000, "currency": "idr"})).ExpectProblem(http.StatusBadRequest, "event_mismatch")

		if n := e.CountRows("donations", g.TenantID); n != donations {
			t.Fatalf("refused events created %d donations", n-donations)
		}
		if n := e.CountRows("stripe_events", ""); n != events {
			t.Fatalf("refused events recorded %d events", n-events)
		}
		if status, _ := donationStatus(t, e, once); status != "pending" {
			t.Fatalf("the one-time gift is %s", status)
		}
		// the monthly gift's own invoice still applies
		deliver(e, invoice("evt_fit_inv_ok", monthly, "sub_"+monthly)).Expect(http.StatusOK)
		if n := e.CountRows("donations", g.TenantID); n != donations+1 {
			t.Fatalf("the monthly gift's invoice added %d donations", n-donations)
		}
	})
}

// TestWebhookHoldsMismatchedAmounts sends correctly signed payments whose
// amount or currency differs from the donation: neither is credited; both
// are held and listed for the treasurer on the API and the donations page.
func TestWebhookHoldsMismatchedAmounts(t *testing.T) {
	testkit.RunStripe(t, func(t *testing.T, e *testkit.Env) {
		g := e.ProvisionedGroup(rindu)
		treasurer := e.AddMember(g, access.Treasurer)
		d1, cs1 := giveOnline(t, e, rindu, 5000000, "once")
		d2, cs2 := giveOnline(t, e, rindu, 5000000, "once")
		entries := e.CountRows("ledger_entries", g.TenantID)

		res := deliver(e, completed("evt_amount_"+d1, d1, cs1, 99900000000)).Expect(http.StatusOK).Map()
		if res["outcome"] != "held" {
			t.Fatalf("a payment of another amount: %v", res)
		}
		usd := testkit.StripeEvent("evt_currency_"+d2, "checkout.session.completed", map[string]any{
			"id": cs2, "client_reference_id": d2, "mode": "payment", "payment_status": "paid",
			"amount_total": 5000000, "currency": "usd", "payment_intent": "pi_" + d2})
		if res := deliver(e, usd).Expect(http.StatusOK).Map(); res["outcome"] != "held" {
			t.Fatalf("a payment in another currency: %v", res)
		}
		// a replay holds nothing twice
		deliver(e, usd).Expect(http.StatusOK)
		if n := e.CountRows("ledger_entries", g.TenantID); n != entries {
			t.Fatalf("held payments wrote %d ledger entries", n-entries)
		}
		for _, id := range []string{d1, d2} {
			if status, _ := donationStatus(t, e, id); status != "pending" {
				t.Fatalf("held donation %s is %s", id, status)
			}
		}
		list := e.Do(http.MethodGet, "/api/v1/t/"+rindu+"/donations/discrepancies", treasurer.Token, nil).Expect(http.StatusOK).Map()
		items := list["items"].([]any)
		if len(items) != 2 {
			t.Fatalf("discrepancies: %v", items)
		}
		seen := map[string]bool{}
		for _, it := range items {
			x := it.(map[string]any)
			seen[testkit.Str(x, "donation_id")] = true
			if x["status"] != "open" || x["expected_amount"] != float64(5000000) {
				t.Fatalf("discrepancy %v", x)
			}
		}
		if !seen[d1] || !seen[d2] {
			t.Fatalf("discrepancies name %v", seen)
		}
		page := e.Do(http.MethodGet, "/t/"+rindu+"/donations", treasurer.Token, nil).Expect(http.StatusOK)
		if !strings.Contains(string(page.Body), "99900000000 idr") || !strings.Contains(string(page.Body), "5000000 usd") {
			t.Fatalf("the donations page does not show the held payments")
		}
	})
}
