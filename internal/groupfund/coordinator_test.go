package groupfund_test

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/peduli/peduli/internal/regions"
	"github.com/peduli/peduli/internal/testkit"
)

// TestCoordinatorSeesFundAggregates: the region's coordinator sees each
// group's savings, loans outstanding, PAR30, active enterprises and median
// profit change from the rollup, with amounts resting on fewer than five
// savers or loans (and counts under five) suppressed as "<5", in the JSON
// list and in the region report's CSV and XLSX alike.
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

		// The report's CSV and XLSX carry the same figures, in rupiah.
		want := map[string][]string{
			"Kelompok Besar": {"1200000", "500000", "0.2", "0", ""},
			"Kelompok Kecil": {"<5", "<5", "<5", "0", ""},
			"Total":          {"1200000", "500000", "0.2", "0", ""},
		}
		recs, err := csv.NewReader(bytes.NewReader(e.Do(http.MethodGet, "/api/v1/regions/53.01/report?format=csv", co.Token, nil).
			Expect(http.StatusOK).Body)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		fundItems := []string{regions.SavingsBalanceRp, regions.LoansOutstandingRp, "par30", "enterprises_active", regions.MedianProfitChangeRp}
		csvFunds := map[string]map[string]string{}
		for _, r := range recs {
			if r[2] == "funds" {
				if csvFunds[r[0]] == nil {
					csvFunds[r[0]] = map[string]string{}
				}
				csvFunds[r[0]][r[3]] = r[4]
			}
		}
		for name, w := range want {
			for i, item := range fundItems {
				if got, ok := csvFunds[name][item]; !ok || got != w[i] {
					t.Fatalf("CSV %s %s = %q, want %q (%v)", name, item, got, w[i], csvFunds[name])
				}
			}
		}
		f, err := excelize.OpenReader(bytes.NewReader(e.Do(http.MethodGet, "/api/v1/regions/53.01/report?format=xlsx", co.Token, nil).
			Expect(http.StatusOK).Body))
		if err != nil {
			t.Fatalf("the XLSX does not open: %v", err)
		}
		defer f.Close()
		sheet, err := f.GetRows(regions.SheetFunds, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(sheet[0], "|") != strings.Join(regions.FundColumns, "|") {
			t.Fatalf("Funds header %v", sheet[0])
		}
		seen := 0
		for _, r := range sheet[1:] {
			if w, ok := want[r[0]]; ok {
				seen++
				r = append(r, "", "", "", "", "", "", "")
				if strings.Join(r[2:7], "|") != strings.Join(w, "|") {
					t.Fatalf("XLSX %s = %v, want %v", r[0], r[2:7], w)
				}
			}
		}
		if seen != len(want) {
			t.Fatalf("XLSX Funds sheet %v", sheet)
		}
	})
}
