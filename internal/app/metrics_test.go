package app_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/peduli/peduli/internal/app"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/metrics"
	"github.com/peduli/peduli/internal/testkit"
)

func scrape(t *testing.T, e *testkit.Env) string {
	t.Helper()
	rec := httptest.NewRecorder()
	e.App.Metrics.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("metrics answered %d", rec.Code)
	}
	return rec.Body.String()
}

// TestMetricsCountWebhooksAndFedGauges: webhook deliveries are counted by
// outcome, workspace requests by route pattern (never the group's slug),
// and the job and rollup gauges read the queue and the rollup marks.
func TestMetricsCountWebhooksAndFedGauges(t *testing.T) {
	e := testkit.New(t, db.SQLite, testkit.WithStripe("http://127.0.0.1:1"))
	ev := testkit.StripeEvent("evt_metrics_1", "customer.created", map[string]any{"id": "cus_1", "object": "customer"})
	e.DeliverEvent(ev, testkit.SignEvent(ev, time.Now())).Expect(http.StatusOK)
	e.DeliverEvent(ev, "").ExpectProblem(http.StatusBadRequest, "bad_signature")
	g := e.SignupGroup("Kelompok Metrik")
	e.Do(http.MethodGet, "/api/v1/t/"+g.Slug+"/ledger", g.OwnerToken, nil).Expect(http.StatusOK)

	body := scrape(t, e)
	for _, want := range []string{
		`peduli_stripe_webhook_events_total{outcome="ignored"} 1`,
		`peduli_stripe_webhook_events_total{outcome="rejected"} 1`,
		`peduli_http_requests_total{method="GET",route="/api/v1/t/:slug/ledger",status="200"} 1`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	if strings.Contains(body, g.Slug) || strings.Contains(body, "example.org") {
		t.Error("metrics name a group or a person")
	}
	// The gauges read the database: the sign-up marked its group for the
	// rollup, and one queued job waits (no replica works jobs here).
	if err := e.App.Jobs.Enqueue(t.Context(), app.Prune{}, nil); err != nil {
		t.Fatal(err)
	}
	body = scrape(t, e)
	for _, want := range []string{metrics.JobQueueDepth + " 1", metrics.JobFailures + " 0", metrics.RollupLag + " "} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
	if strings.Contains(body, metrics.RollupLag+" 0\n") || strings.Contains(body, "NaN") {
		t.Errorf("a changed group waits, so the rollup lag is not zero or unreadable:\n%s", body)
	}
}
