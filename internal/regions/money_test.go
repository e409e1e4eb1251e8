package regions_test

import (
	"net/http"
	"testing"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/testkit"
)

// TestReportMoneyCountsWhatTheLedgerCounts: the coordinator's money in and
// out for a group equal the group's own ledger totals, with an expense
// still waiting for approval, a cancelled one and a host transfer in it.
func TestReportMoneyCountsWhatTheLedgerCounts(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroupIn("Kelompok Uang Wilayah", "53.01.08.2011")
		team := e.Team(g)
		treasurer := team[access.Treasurer].Token
		co := e.Coordinator("53.01.08")
		base := "/api/v1/t/" + g.Slug + "/ledger"
		entry := func(kind string, amount int64) string {
			return testkit.Str(e.Do(http.MethodPost, base, treasurer, map[string]any{"kind": kind, "amount": amount,
				"currency": "idr", "category": "bahan", "occurred_on": "2026-03-02"}).Expect(http.StatusCreated).Map(), "id")
		}
		entry("income", 500000000)
		entry("expense", 20000000)               // counts at once
		entry("expense", 300000000)              // waits for approval
		cancelled := entry("expense", 250000000) // reversed before approval
		e.Do(http.MethodPost, base+"/"+cancelled+"/reverse", treasurer, nil).Expect(http.StatusCreated)
		entry("transfer", 100000000) // the host pays out: not new income

		totals := e.Do(http.MethodGet, base, treasurer, nil).Expect(http.StatusOK).Map()["totals"].(map[string]any)
		e.RefreshFigures()
		rep := e.Do(http.MethodGet, "/api/v1/regions/53.01.08/report", co.Token, nil).Expect(http.StatusOK).Map()["report"].(map[string]any)
		var money map[string]any
		for _, r := range rep["groups"].([]any) {
			if row := r.(map[string]any); row["slug"] == g.Slug {
				money = row["money"].(map[string]any)
			}
		}
		if money == nil {
			t.Fatalf("the group is not in the report")
		}
		if money["in"] != totals["income"] || money["out"] != totals["expense"] {
			t.Fatalf("report money in/out %v/%v, ledger income/expense %v/%v", money["in"], money["out"], totals["income"], totals["expense"])
		}
		if money["in"] != float64(500000000) || money["out"] != float64(20000000) {
			t.Fatalf("report money %v", money)
		}
	})
}
