package funds_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/testkit"
)

// TestPageAndAPIRefuseTheSame: the cash-gift and ledger forms and the API
// refuse the same bad input on the same fields, all in one answer (the
// forms used to stop at an unreadable amount), because the service's rules
// decide both. Nothing is written.
func TestPageAndAPIRefuseTheSame(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Aturan Kas")
		tok := e.Team(g)[access.Treasurer].Token
		tr := e.BrowserAs(tok)
		base := "/t/" + g.Slug
		future := time.Now().AddDate(0, 0, 5).Format(time.DateOnly)

		tr.Get(base + "/donations").Expect(http.StatusOK)
		page := tr.Post(base+"/donations", testkit.Form("amount", "seribu", "method", "in_kind", "received_on", future,
			"donor.name", "Bu Lina", "donor.email", "bukan-surel", "description", ""))
		page.Contains("Tulis jumlah lebih dari 0, misalnya 500.000.", `value="Bu Lina"`)
		res := e.Do(http.MethodPost, "/api/v1"+base+"/donations", tok, map[string]any{"amount": 0, "currency": "idr",
			"method": "in_kind", "received_on": future, "donor": map[string]any{"name": "Bu Lina", "email": "bukan-surel"}})
		testkit.SameRefusal(t, page, res, "amount", "received_on", "donor.email", "description")

		tr.Get(base + "/ledger").Expect(http.StatusOK)
		page = tr.Post(base+"/ledger", testkit.Form("kind", "expense", "amount", "sejuta", "category", "",
			"occurred_on", future, "note", "benang"))
		page.Contains("Tulis jumlah lebih dari 0, misalnya 500.000.", `value="benang"`)
		res = e.Do(http.MethodPost, "/api/v1"+base+"/ledger", tok, map[string]any{"kind": "expense", "amount": 0,
			"currency": "idr", "category": "", "occurred_on": future, "note": "benang"})
		testkit.SameRefusal(t, page, res, "amount", "category", "occurred_on")

		if n := e.CountRows("donations", g.TenantID); n != 0 {
			t.Fatalf("%d donations written on bad input", n)
		}
		if n := e.CountRows("ledger_entries", g.TenantID); n != 0 {
			t.Fatalf("%d ledger entries written on bad input", n)
		}
	})
}
