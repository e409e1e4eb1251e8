package funds_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/testkit"
)

// TestReversalsCountOnlyWithTheirOriginal walks every order of reversing an
// expense that waits for approval, approving it and approving its reversal.
// After every step the internal and the public balance equal the sum of the
// entries the ledger marks counted, and equal what the rules say: an entry
// counts once approved, its reversal exactly when it does, and reversing it
// before its approval cancels it.
func TestReversalsCountOnlyWithTheirOriginal(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Koreksi")
		team := e.Team(g)
		treasurer, approver := team[access.Treasurer].Token, g.OwnerToken
		base := "/api/v1/t/" + g.Slug + "/ledger"
		e.Do(http.MethodPost, base, treasurer, map[string]any{"kind": "income", "amount": 500000000, "currency": "idr",
			"category": "iuran", "occurred_on": "2026-03-01"}).Expect(http.StatusCreated)

		type expense struct {
			id, reversal      string
			approved, revered bool
		}
		var all []*expense
		const amount = 150000000 // above the default threshold
		check := func(step string) {
			t.Helper()
			want, pending := int64(500000000), int64(0)
			for _, x := range all {
				switch {
				case x.approved && !x.revered:
					want -= amount
				case !x.approved && !x.revered:
					pending += amount
				}
			}
			l := e.Do(http.MethodGet, base, treasurer, nil).Expect(http.StatusOK).Map()
			totals := l["totals"].(map[string]any)
			var sum int64
			for _, it := range l["items"].([]any) {
				item := it.(map[string]any)
				if item["counted"] != true || item["source"] == "host_transfer" {
					continue
				}
				if item["kind"] == "income" {
					sum += int64(item["amount"].(float64))
				} else {
					sum -= int64(item["amount"].(float64))
				}
			}
			pub := e.Do(http.MethodGet, "/api/v1/public/groups/"+g.Slug+"/ledger", "", nil).Expect(http.StatusOK).Map()
			got := int64(totals["balance"].(float64))
			public := int64(pub["totals"].(map[string]any)["balance"].(float64))
			summary, err := e.App.Funds.PublicSummary(context.Background(), g.TenantID)
			if err != nil {
				t.Fatalf("%s: public summary: %v", step, err)
			}
			if got != want || sum != want || public != want || summary.Income-summary.Expense != want {
				t.Fatalf("%s: balance %d, counted entries %d, public %d, public page summary %d; want %d",
					step, got, sum, public, summary.Income-summary.Expense, want)
			}
			if p := int64(totals["awaiting_approval"].(float64)); p != pending {
				t.Fatalf("%s: awaiting approval %d, want %d", step, p, pending)
			}
		}
		steps := map[string]func(x *expense) string{
			"reverse": func(x *expense) string {
				r := e.Do(http.MethodPost, base+"/"+x.id+"/reverse", treasurer, map[string]any{"note": "batal"}).Expect(http.StatusCreated).Map()
				x.reversal, x.revered = testkit.Str(r, "id"), true
				if r["counted"] != x.approved {
					t.Fatalf("a new reversal says counted=%v, its original approved=%v", r["counted"], x.approved)
				}
				return "reverse"
			},
			"approve": func(x *expense) string {
				res := e.Do(http.MethodPost, base+"/"+x.id+"/approve", approver, nil)
				if x.revered {
					res.ExpectProblem(http.StatusConflict, "reversed_before_approval")
					return "approve a cancelled expense (refused)"
				}
				res.Expect(http.StatusOK)
				x.approved = true
				return "approve"
			},
			"approve-reversal": func(x *expense) string {
				if x.reversal == "" {
					return "approve-reversal (no reversal yet)"
				}
				e.Do(http.MethodPost, base+"/"+x.reversal+"/approve", approver, nil).ExpectProblem(http.StatusConflict, "reversal_follows_original")
				return "approve the reversal (refused)"
			},
		}
		orders := [][]string{
			{"reverse", "approve", "approve-reversal"},
			{"reverse", "approve-reversal", "approve"},
			{"approve", "reverse", "approve-reversal"},
			{"approve", "approve-reversal", "reverse"},
			{"approve-reversal", "reverse", "approve"},
			{"approve-reversal", "approve", "reverse"},
		}
		for i, order := range orders {
			created := e.Do(http.MethodPost, base, treasurer, map[string]any{"kind": "expense", "amount": amount, "currency": "idr",
				"category": "bahan", "occurred_on": "2026-03-02", "note": fmt.Sprint("urutan ", i)}).Expect(http.StatusCreated).Map()
			x := &expense{id: testkit.Str(created, "id")}
			all = append(all, x)
			check(fmt.Sprintf("order %d: create", i))
			for _, s := range order {
				check(fmt.Sprintf("order %d %v: %s", i, order, steps[s](x)))
			}
		}
	})
}
