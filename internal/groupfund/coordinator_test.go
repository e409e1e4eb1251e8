package groupfund_test

import (
	"net/http"
	"testing"

	"github.com/peduli/peduli/internal/testkit"
)

// TestCoordinatorSeesFundAggregates: the region's coordinator sees each
// group's savings, loans outstanding, PAR30, active enterprises and median
// profit change from the rollup, with amounts resting on fewer than five
// savers or loans (and counts under five) suppressed as "<5".
func TestCoordinatorSeesFundAggregates(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		big, small := e.SignupGroup("Kelompok Besar"), e.SignupGroup("Kelompok Kecil")
		fund := func(g *testkit.Group, savers, loans int, late bool) {
			api := "/api/v1/t/" + g.Slug
			var ids []string
			for range savers {
				b := e.CreateBeneficiary(g, g.OwnerToken, nil)
				ids = append(ids, b)
				e.Do(http.MethodPost, api+"/savings/deposits", g.OwnerToken, map[string]any{"beneficiary_id": b, "kind": "pokok",
					"amount": 20_000_000, "paid_on": "2026-01-05"}).Expect(http.StatusCreated)
			}
			for i := range loans {
				day := "2026-11-01" // first installment not yet due
				if late && i == 0 {
					day = "2026-01-05"
				}
				e.Do(http.MethodPost, api+"/loans", g.OwnerToken, map[string]any{"beneficiary_id": ids[i], "principal": 10_000_000,
					"fee_percent_per_month": 1, "term_months": 10, "method": "flat", "disbursed_on": day}).Expect(http.StatusCreated)
			}
		}
		fund(big, 6, 5, true)
		fund(small, 2, 1, false)
		co := e.Coordinator("53.01")
		e.RefreshFigures()
		items := e.Do(http.MethodGet, "/api/v1/regions/53.01/groups", co.Token, nil).Expect(http.StatusOK).Map()["items"].([]any)
		got := map[string]map[string]any{}
		for _, it := range items {
			g := it.(map[string]any)
			got[g["slug"].(string)] = g
		}
		b, s := got[big.Slug], got[small.Slug]
		if b == nil || s == nil {
			t.Fatalf("groups = %v", items)
		}
		// Big: 6 savers × Rp 200.000 less 5 loans × Rp 100.000; one loan
		// disbursed in January is long overdue: PAR30 = 1/5.
		if b["savings_balance"] != float64(120_000_000) || b["loans_outstanding"] != float64(50_000_000) || b["par30"] != 0.2 {
			t.Fatalf("big group = %v", b)
		}
		for _, k := range []string{"savings_balance", "loans_outstanding", "par30"} {
			if s[k] != "<5" {
				t.Fatalf("small group %s = %v, want suppressed", k, s[k])
			}
		}
		if b["enterprises_active"] != float64(0) || b["median_profit_change"] != nil {
			t.Fatalf("big group enterprises = %v, %v", b["enterprises_active"], b["median_profit_change"])
		}
	})
}
