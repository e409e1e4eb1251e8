package funds_test

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/peduli/peduli/internal/testkit"
)

// giveOnline creates a pending online gift through the API and returns its
// donation and Checkout Session ids.
func giveOnline(t *testing.T, e *testkit.Env, slug string, amount int64, interval string) (string, string) {
	t.Helper()
	res := e.Do(http.MethodPost, "/api/v1/public/groups/"+slug+"/donations", "", gift(amount, interval)).
		Expect(http.StatusCreated).Map()
	return testkit.Str(res, "donation_id"), testkit.Str(res, "checkout_session_id")
}

func completed(evID, donation, session string, amount int64) []byte {
	return testkit.StripeEvent(evID, "checkout.session.completed", map[string]any{
		"id": session, "object": "checkout.session", "client_reference_id": donation, "mode": "payment",
		"payment_status": "paid", "status": "complete", "amount_total": amount, "currency": "idr",
		"payment_intent": "pi_" + donation,
		"metadata":       map[string]any{"donation_id": donation, "tenant": rindu},
	})
}

func refunded(evID, donation, session string, amount int64) []byte {
	return testkit.StripeEvent(evID, "charge.refunded", map[string]any{
		"id": "ch_" + evID, "object": "charge", "amount": amount, "amount_refunded": amount, "refunded": true, "currency": "idr",
		"payment_intent": "pi_" + donation,
		"metadata":       map[string]any{"donation_id": donation},
	})
}

func deliver(e *testkit.Env, payload []byte) *testkit.Response {
	return e.DeliverEvent(payload, testkit.SignEvent(payload, time.Now()))
}

type ledgerRow struct {
	ID, Kind, Source       string
	Amount                 int64
	DonationID, ReversesID string
}

// ledger reads a tenant's ledger as the schema owner.
func ledger(t *testing.T, e *testkit.Env, tenantID string) []ledgerRow {
	t.Helper()
	var rows []ledgerRow
	if err := e.Owner.Global(t.Context()).Table("ledger_entries").Select("id, kind, source, amount, coalesce(cast(donation_id AS text), '') AS donation_id, coalesce(cast(reverses_id AS text), '') AS reverses_id").
		Where("tenant_id = ?", tenantID).Order("id").Scan(&rows).Error; err != nil {
		t.Fatal(err)
	}
	return rows
}

func donationStatus(t *testing.T, e *testkit.Env, id string) (status, receipt string) {
	t.Helper()
	e.Owner.Global(t.Context()).Raw("SELECT status, receipt_number FROM donations WHERE id = ?", id).Row().Scan(&status, &receipt)
	return
}

func entriesOf(rows []ledgerRow, donation string) (gifts, reversals int, sum int64) {
	for _, r := range rows {
		if r.DonationID == donation {
			if r.ReversesID != "" {
				reversals++
			} else {
				gifts++
			}
			sum += r.Amount
		}
	}
	return
}

func TestWebhookReplayConcurrentShuffled(t *testing.T) {
	testkit.RunStripe(t, func(t *testing.T, e *testkit.Env) {
		e.Logs.Forbid("maria.donatur@example.org", "Maria Donatur")
		g := e.ProvisionedGroup(rindu)
		type giftRef struct{ donation, session string }
		var gifts []giftRef
		var events [][]byte
		for i := range 4 {
			d, cs := giveOnline(t, e, rindu, int64(1000000*(i+2)), "once")
			gifts = append(gifts, giftRef{d, cs})
			events = append(events, completed(fmt.Sprintf("evt_replay_%s_%d", d, i), d, cs, int64(1000000*(i+2))))
			// the async success of the same payment is a second, different event
			events = append(events, testkit.StripeEvent(fmt.Sprintf("evt_async_%s_%d", d, i),
				"checkout.session.async_payment_succeeded", map[string]any{"id": cs, "client_reference_id": d,
					"payment_status": "paid", "amount_total": int64(1000000 * (i + 2)), "currency": "idr"}))
		}
		// every event 3 times, shuffled, all at once
		var deliveries [][]byte
		for _, ev := range events {
			deliveries = append(deliveries, ev, ev, ev)
		}
		rand.Shuffle(len(deliveries), func(i, j int) { deliveries[i], deliveries[j] = deliveries[j], deliveries[i] })
		var wg sync.WaitGroup
		statuses := make([]int, len(deliveries))
		for i, p := range deliveries {
			wg.Add(1)
			go func() {
				defer wg.Done()
				statuses[i] = deliver(e, p).Status
			}()
		}
		wg.Wait()
		for i, s := range statuses {
			if s != http.StatusOK {
				t.Fatalf("delivery %d answered %d", i, s)
			}
		}
		after := ledger(t, e, g.TenantID)
		receipts := map[string]bool{}
		for _, gr := range gifts {
			status, receipt := donationStatus(t, e, gr.donation)
			if status != "succeeded" || receipt == "" || receipts[receipt] {
				t.Fatalf("donation %s: status %s receipt %q", gr.donation, status, receipt)
			}
			receipts[receipt] = true
			if n, r, _ := entriesOf(after, gr.donation); n != 1 || r != 0 {
				t.Fatalf("donation %s has %d income and %d reversing entries, want 1 and 0", gr.donation, n, r)
			}
		}
		// replaying everything again changes nothing
		for _, p := range deliveries {
			res := deliver(e, p).Expect(http.StatusOK).Map()
			if res["outcome"] != "duplicate" {
				t.Fatalf("replay outcome %v", res["outcome"])
			}
		}
		if again := ledger(t, e, g.TenantID); fmt.Sprint(again) != fmt.Sprint(after) {
			t.Fatalf("the ledger changed on replay")
		}
	})
}

func TestWebhookRejectsBadDeliveries(t *testing.T) {
	testkit.RunStripe(t, func(t *testing.T, e *testkit.Env) {
		g := e.ProvisionedGroup(rindu)
		d, cs := giveOnline(t, e, rindu, 5000000, "once")
		good := completed("evt_bad_"+d, d, cs, 5000000)
		events, entries := e.CountRows("stripe_events", ""), e.CountRows("ledger_entries", g.TenantID)

		e.DeliverEvent(good, "").ExpectProblem(http.StatusBadRequest, "bad_signature")
		e.DeliverEvent(good, "t=123,v1=deadbeef").ExpectProblem(http.StatusBadRequest, "bad_signature")
		e.DeliverEvent(good, testkit.SignEvent(append([]byte(" "), good...), time.Now())).ExpectProblem(http.StatusBadRequest, "bad_signature")
		e.DeliverEvent(good, testkit.SignEvent(good, time.Now().Add(-10*time.Minute))).ExpectProblem(http.StatusBadRequest, "bad_signature")
		broken := []byte(`{"id": "evt_x", "type": `)
		deliver(e, broken).ExpectProblem(http.StatusBadRequest, "malformed_request")

		if n := e.CountRows("stripe_events", ""); n != events {
			t.Fatalf("rejected deliveries recorded %d events", n-events)
		}
		if status, _ := donationStatus(t, e, d); status != "pending" {
			t.Fatalf("a rejected delivery changed the donation to %s", status)
		}

		// an abandoned checkout fails the pending gift
		d2, cs2 := giveOnline(t, e, rindu, 5000000, "once")
		deliver(e, testkit.StripeEvent("evt_expired_"+d2, "checkout.session.expired", map[string]any{
			"id": cs2, "client_reference_id": d2, "status": "expired"})).Expect(http.StatusOK)
		if status, _ := donationStatus(t, e, d2); status != "failed" {
			t.Fatalf("expired checkout left the gift %s", status)
		}

		unknown := testkit.StripeEvent("evt_unknown_"+d, "customer.created", map[string]any{"id": "cus_1"})
		if res := deliver(e, unknown).Expect(http.StatusOK).Map(); res["outcome"] != "ignored" {
			t.Fatalf("unknown event: %v", res)
		}
		foreign := completed("evt_foreign_"+d, "01900000-0000-7000-8000-000000000000", "cs_test_foreign", 5000000)
		if res := deliver(e, foreign).Expect(http.StatusOK).Map(); res["outcome"] != "unrouted" {
			t.Fatalf("event for no donation of ours: %v", res)
		}
		if n := e.CountRows("ledger_entries", g.TenantID); n != entries {
			t.Fatalf("ignored events wrote %d ledger entries", n-entries)
		}
	})
}

func TestRefunds(t *testing.T) {
	testkit.RunStripe(t, func(t *testing.T, e *testkit.Env) {
		g := e.ProvisionedGroup(rindu)
		balance := func() int64 {
			m := e.Do(http.MethodGet, "/api/v1/t/"+rindu+"/ledger", g.OwnerToken, nil).Expect(http.StatusOK).Map()
			return int64(m["totals"].(map[string]any)["balance"].(float64))
		}
		start := balance()

		// refund after success: a reversing entry
		d1, cs1 := giveOnline(t, e, rindu, 7500000, "once")
		deliver(e, completed("evt_ok_"+d1, d1, cs1, 7500000)).Expect(http.StatusOK)
		if b := balance(); b != start+7500000 {
			t.Fatalf("balance after the gift %d, want %d", b, start+7500000)
		}
		deliver(e, refunded("evt_rf_"+d1, d1, cs1, 7500000)).Expect(http.StatusOK)
		if status, _ := donationStatus(t, e, d1); status != "refunded" {
			t.Fatalf("status after refund %s", status)
		}
		if n, r, sum := entriesOf(ledger(t, e, g.TenantID), d1); n != 1 || r != 1 || sum != 0 {
			t.Fatalf("refund after success: %d income, %d reversing, sum %d", n, r, sum)
		}

		// refund before success: final state refunded, balance right
		d2, cs2 := giveOnline(t, e, rindu, 3000000, "once")
		deliver(e, refunded("evt_rf_"+d2, d2, cs2, 3000000)).Expect(http.StatusOK)
		deliver(e, completed("evt_ok_"+d2, d2, cs2, 3000000)).Expect(http.StatusOK)
		deliver(e, completed("evt_ok_"+d2, d2, cs2, 3000000)).Expect(http.StatusOK)
		if status, _ := donationStatus(t, e, d2); status != "refunded" {
			t.Fatalf("refund before success ended %s", status)
		}
		if n, r, sum := entriesOf(ledger(t, e, g.TenantID), d2); n != 1 || r != 1 || sum != 0 {
			t.Fatalf("refund before success: %d income, %d reversing, sum %d", n, r, sum)
		}
		if b := balance(); b != start {
			t.Fatalf("balance %d, want %d", b, start)
		}

		// a refund naming only its payment intent, before the success that
		// tells us that intent: 503 and nothing written, so Stripe retries
		d3, cs3 := giveOnline(t, e, rindu, 4000000, "once")
		bare := testkit.StripeEvent("evt_rf_bare_"+d3, "charge.refunded", map[string]any{
			"id": "ch_bare_" + d3, "object": "charge", "amount": 4000000, "amount_refunded": 4000000, "currency": "idr", "payment_intent": "pi_" + d3})
		events := e.CountRows("stripe_events", "")
		deliver(e, bare).ExpectProblem(http.StatusServiceUnavailable, "not_yet_routable")
		if n := e.CountRows("stripe_events", ""); n != events {
			t.Fatalf("an unroutable refund recorded %d events", n-events)
		}
		deliver(e, completed("evt_ok_"+d3, d3, cs3, 4000000)).Expect(http.StatusOK)
		deliver(e, bare).Expect(http.StatusOK)
		if status, _ := donationStatus(t, e, d3); status != "refunded" {
			t.Fatalf("retried refund ended %s", status)
		}
		if b := balance(); b != start {
			t.Fatalf("balance %d after the retried refund, want %d", b, start)
		}
	})
}

func TestMonthlyGiftInvoices(t *testing.T) {
	testkit.RunStripe(t, func(t *testing.T, e *testkit.Env) {
		g := e.ProvisionedGroup(rindu)
		d, cs := giveOnline(t, e, rindu, 2500000, "month")
		sub := "sub_" + d
		deliver(e, testkit.StripeEvent("evt_sub_"+d, "checkout.session.completed", map[string]any{
			"id": cs, "client_reference_id": d, "mode": "subscription", "payment_status": "paid",
			"subscription": sub, "amount_total": 2500000})).Expect(http.StatusOK)
		for month := range 2 {
			inv := testkit.StripeEvent(fmt.Sprintf("evt_inv_%s_%d", d, month), "invoice.paid", map[string]any{
				"id": fmt.Sprintf("in_%s_%d", d, month), "object": "invoice", "amount_paid": 2500000, "currency": "idr",
				"subscription": sub, "payment_intent": fmt.Sprintf("pi_inv_%s_%d", d, month),
				"subscription_details": map[string]any{"metadata": map[string]any{"donation_id": d}}})
			deliver(e, inv).Expect(http.StatusOK)
			deliver(e, inv).Expect(http.StatusOK)
		}
		if status, _ := donationStatus(t, e, d); status != "active" {
			t.Fatalf("monthly gift status %s", status)
		}
		var months int64
		e.Owner.Global(t.Context()).Raw("SELECT count(*) FROM donations WHERE parent_id = ? AND status = 'succeeded'", d).Row().Scan(&months)
		if months != 2 {
			t.Fatalf("%d monthly gifts, want 2", months)
		}
		var income int64
		e.Owner.Global(t.Context()).Raw(`SELECT coalesce(sum(l.amount), 0) FROM ledger_entries l JOIN donations c
			ON c.tenant_id = l.tenant_id AND c.id = l.donation_id WHERE c.parent_id = ? AND l.tenant_id = ?`, d, g.TenantID).Row().Scan(&income)
		if income != 5000000 {
			t.Fatalf("monthly income %d, want 5000000", income)
		}
	})
}
