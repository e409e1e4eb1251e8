package app_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

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
// and the job and rollup gauges appear once a feature feeds them.
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
	if strings.Contains(body, metrics.JobQueueDepth) || strings.Contains(body, metrics.RollupLag) {
		t.Error("unfed gauges are exported")
	}
	e.App.Metrics.Feed(metrics.JobQueueDepth, func() float64 { return 7 })
	e.App.Metrics.Feed(metrics.RollupLag, func() float64 { return 42.5 })
	body = scrape(t, e)
	for _, want := range []string{metrics.JobQueueDepth + " 7", metrics.RollupLag + " 42.5"} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}
