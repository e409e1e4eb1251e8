package funds_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/peduli/peduli/internal/funds"
	"github.com/peduli/peduli/internal/platform/config"
	"github.com/peduli/peduli/internal/testkit"
)

// stripeStub stands in for Stripe in the reconciliation test, because
// stripe-mock always answers a retrieved Checkout Session as "open" and
// "unpaid": this stub creates sessions and then reports every one as
// complete and paid. down makes it fail like an outage.
type stripeStub struct {
	n    atomic.Int64
	down atomic.Bool
}

func (s *stripeStub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	if s.down.Load() {
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprint(w, `{"error":{"type":"api_error","message":"down"}}`)
		return
	}
	switch {
	case r.Method == http.MethodPost && r.URL.Path == "/v1/checkout/sessions":
		id := fmt.Sprintf("cs_stub_%d_%d", time.Now().UnixNano(), s.n.Add(1))
		json.NewEncoder(w).Encode(map[string]any{"id": id, "object": "checkout.session", "status": "open",
			"payment_status": "unpaid", "url": "https://checkout.stripe.test/" + id})
	case r.Method == http.MethodGet && strings.HasPrefix(r.URL.Path, "/v1/checkout/sessions/"):
		id := strings.TrimPrefix(r.URL.Path, "/v1/checkout/sessions/")
		json.NewEncoder(w).Encode(map[string]any{"id": id, "object": "checkout.session", "status": "complete",
			"payment_status": "paid", "mode": "payment", "amount_total": 5000000, "currency": "idr", "payment_intent": "pi_" + id})
	default:
		http.NotFound(w, r)
	}
}

func TestReconcileSettlesMissedWebhookOnce(t *testing.T) {
	stub := &stripeStub{}
	srv := httptest.NewServer(stub)
	defer srv.Close()
	testkit.RunWith(t, func(testing.TB) []func(*config.Config) {
		return []func(*config.Config){testkit.WithStripe(srv.URL)}
	}, func(t *testing.T, e *testkit.Env) {
		g := e.ProvisionedGroup(rindu)
		paid, cs := giveOnline(t, e, rindu, 5000000, "once")

		stub.down.Store(true)
		e.Do(http.MethodPost, "/api/v1/public/groups/"+rindu+"/donations", "", gift(5000000, "once")).
			ExpectProblem(http.StatusServiceUnavailable, "payment_provider_unavailable")
		stub.down.Store(false)
		var neverStarted string
		e.Owner.Global(t.Context()).Raw("SELECT id FROM donations WHERE tenant_id = ? AND checkout_session_id = '' ORDER BY id DESC LIMIT 1", g.TenantID).Row().Scan(&neverStarted)

		// not yet old enough: nothing happens
		rep, err := e.App.Funds.Reconcile(t.Context(), time.Hour)
		if err != nil || len(rep.Changed) != 0 {
			t.Fatalf("young donations changed: %+v %v", rep, err)
		}
		rep, err = e.App.Funds.Reconcile(t.Context(), 0)
		if err != nil {
			t.Fatal(err)
		}
		changed := map[string]string{}
		for _, c := range rep.Changed {
			changed[c.DonationID] = c.To
		}
		if changed[paid] != "succeeded" || changed[neverStarted] != "failed" {
			t.Fatalf("reconcile report %+v", rep)
		}
		if status, receipt := donationStatus(t, e, paid); status != "succeeded" || receipt == "" {
			t.Fatalf("paid donation %s %q", status, receipt)
		}
		before := ledger(t, e, g.TenantID)
		if n, _, sum := entriesOf(before, paid); n != 1 || sum != 5000000 {
			t.Fatalf("%d income entries (%d) for the reconciled gift", n, sum)
		}

		// a second run, and the late webhook, change nothing
		rep, err = e.App.Funds.Reconcile(t.Context(), 0)
		if err != nil || len(rep.Changed) != 0 {
			t.Fatalf("second run changed %+v %v", rep.Changed, err)
		}
		deliver(e, completed("evt_late_"+paid, paid, cs, 5000000)).Expect(http.StatusOK)
		if after := ledger(t, e, g.TenantID); fmt.Sprint(after) != fmt.Sprint(before) {
			t.Fatalf("the late webhook changed the ledger")
		}
	})
}

// Every online gift is queued for its own check when it is created, due
// when the reconciliation window has passed; the check settles that gift
// from Stripe's answer, once, with no pass over any group.
func TestReconcileJobSettlesTheGiftItWasQueuedFor(t *testing.T) {
	stub := &stripeStub{}
	srv := httptest.NewServer(stub)
	defer srv.Close()
	testkit.RunWith(t, func(testing.TB) []func(*config.Config) {
		return []func(*config.Config){testkit.WithStripe(srv.URL)}
	}, func(t *testing.T, e *testkit.Env) {
		e.ProvisionedGroup(rindu)
		created := time.Now()
		paid, _ := giveOnline(t, e, rindu, 5000000, "once")
		client := e.App.Jobs.Client()
		list, err := client.JobList(t.Context(), river.NewJobListParams().Kinds(funds.ReconcileDonation{}.Kind()))
		if err != nil {
			t.Fatal(err)
		}
		var job *rivertype.JobRow
		for _, j := range list.Jobs {
			var args funds.ReconcileDonation
			if json.Unmarshal(j.EncodedArgs, &args) == nil && args.DonationID == paid {
				job = j
			}
		}
		if job == nil || job.State != rivertype.JobStateScheduled {
			t.Fatalf("no scheduled check for the gift: %+v", list.Jobs)
		}
		if due := job.ScheduledAt.Sub(created); due < funds.ReconcileAfter-time.Minute || due > funds.ReconcileAfter+time.Minute {
			t.Fatalf("the check is due %s after the gift, want %s", due, funds.ReconcileAfter)
		}
		if status, _ := donationStatus(t, e, paid); status != "pending" {
			t.Fatalf("status %s before the check", status)
		}
		// The window passes.
		if _, err := client.JobRetry(t.Context(), job.ID); err != nil {
			t.Fatal(err)
		}
		e.StartJobs()
		deadline := time.Now().Add(20 * time.Second)
		for {
			status, receipt := donationStatus(t, e, paid)
			if status == "succeeded" && receipt != "" {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("the gift is %s 20 s after its check was due", status)
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
}
