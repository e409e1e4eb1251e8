package funds_test

import (
	"errors"
	"net/http"
	"testing"

	"github.com/peduli/peduli/internal/funds"
	"github.com/peduli/peduli/internal/testkit"
)

// A developer marks a pending online gift paid with a signed test event;
// never with a live key, and only a pending gift.
func TestTestPaymentCompletesAPendingGift(t *testing.T) {
	testkit.RunStripe(t, func(t *testing.T, e *testkit.Env) {
		g := e.ProvisionedGroup(rindu)
		id, _ := giveOnline(t, e, rindu, 50_000_000, "once")

		live := *e.App.Funds
		key := *live.Stripe
		key.PlatformKey = "sk_live_notatest"
		live.Stripe = &key
		if _, _, err := live.TestPayment(t.Context(), id); !errors.Is(err, funds.ErrNotTestMode) {
			t.Fatalf("with a live key: %v", err)
		}
		if _, _, err := e.App.Funds.TestPayment(t.Context(), "01a2271e-db26-74a9-84a7-b5d20e113d87"); err == nil {
			t.Fatal("an unknown donation was paid")
		}

		payload, sig, err := e.App.Funds.TestPayment(t.Context(), id)
		if err != nil {
			t.Fatal(err)
		}
		e.DeliverEvent(payload, sig).Expect(http.StatusOK)
		var status string
		if err := e.Owner.Global(t.Context()).Raw("SELECT status FROM donations WHERE tenant_id = ? AND id = ?", g.TenantID, id).
			Scan(&status).Error; err != nil || status != "succeeded" {
			t.Fatalf("donation after the test payment: %q %v", status, err)
		}
		e.BrowserAs(g.OwnerToken).Get("/t/" + rindu + "/donations").Expect(http.StatusOK).Contains("Diterima")
		if _, _, err := e.App.Funds.TestPayment(t.Context(), id); err == nil {
			t.Fatal("a paid gift was paid again")
		}
	})
}
