package funds_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/testkit"
)

// BenchmarkWebhookSuccess measures applying one checkout.session.completed
// (signature check, route lookup, event row, donation, receipt number,
// ledger entry) on each database; the gifts are created outside the timer.
func BenchmarkWebhookSuccess(b *testing.B) {
	for _, d := range testkit.Dialects(b) {
		b.Run(string(d), func(b *testing.B) { benchSuccess(b, d) })
	}
}

func benchSuccess(b *testing.B, d db.Dialect) {
	e := testkit.New(b, d, testkit.WithStripe(testkit.StripeMockURL(b)))
	type gift struct{ id, cs string }
	gifts := make([]gift, b.N)
	for i := range gifts {
		res := e.Do(http.MethodPost, "/api/v1/public/groups/"+rindu+"/donations", "",
			map[string]any{"amount": 5000000, "currency": "idr", "anonymous": true}).Expect(http.StatusCreated).Map()
		gifts[i] = gift{testkit.Str(res, "donation_id"), testkit.Str(res, "checkout_session_id")}
	}
	b.ResetTimer()
	for i, g := range gifts {
		p := completed(fmt.Sprintf("evt_bench_%d_%s", i, g.id), g.id, g.cs, 5000000)
		e.DeliverEvent(p, testkit.SignEvent(p, time.Now())).Expect(http.StatusOK)
	}
}

// BenchmarkWebhookReplay measures answering a replayed event: verify,
// route, find the event id, do nothing.
func BenchmarkWebhookReplay(b *testing.B) {
	for _, d := range testkit.Dialects(b) {
		b.Run(string(d), func(b *testing.B) { benchReplay(b, d) })
	}
}

func benchReplay(b *testing.B, d db.Dialect) {
	e := testkit.New(b, d, testkit.WithStripe(testkit.StripeMockURL(b)))
	res := e.Do(http.MethodPost, "/api/v1/public/groups/"+rindu+"/donations", "",
		map[string]any{"amount": 5000000, "currency": "idr", "anonymous": true}).Expect(http.StatusCreated).Map()
	id, cs := testkit.Str(res, "donation_id"), testkit.Str(res, "checkout_session_id")
	p := completed("evt_bench_replay_"+id, id, cs, 5000000)
	header := testkit.SignEvent(p, time.Now())
	e.DeliverEvent(p, header).Expect(http.StatusOK)
	b.ResetTimer()
	for range b.N {
		e.DeliverEvent(p, header).Expect(http.StatusOK)
	}
}
