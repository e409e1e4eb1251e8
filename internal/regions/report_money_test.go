package regions_test

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/regions"
	"github.com/peduli/peduli/internal/testkit"
)

// TestReportMoneyAgreesInEveryFormat: one group's money in, money out and
// donations read the same in the region report's JSON (IDR minor units),
// CSV and XLSX (rupiah, the unit in the header), and equal what the
// group's own ledger counts — as do its dashboard and public ledger —
// with an approved expense, one still waiting for approval, one cancelled
// before approval and a reversed one in it.
func TestReportMoneyAgreesInEveryFormat(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		const name = "Kelompok Tiga Format"
		g := e.SignupGroupIn(name, "53.01.08.2011")
		team := e.Team(g)
		treasurer, owner := team[access.Treasurer].Token, g.OwnerToken
		co := e.Coordinator("53.01.08")
		base := "/api/v1/t/" + g.Slug + "/ledger"
		entry := func(kind string, amount int64) string {
			return testkit.Str(e.Do(http.MethodPost, base, treasurer, map[string]any{"kind": kind, "amount": amount,
				"currency": "idr", "category": "bahan", "occurred_on": "2026-03-02"}).Expect(http.StatusCreated).Map(), "id")
		}
		entry("income", 500_000_000)        // Rp 5.000.000
		e.CashGift(g, treasurer, 75_050)    // Rp 750,50: a gift with sen
		e.CashGift(g, treasurer, 2_000_000) // Rp 20.000
		approved := entry("expense", 300_000_000)
		e.Do(http.MethodPost, base+"/"+approved+"/approve", owner, nil).Expect(http.StatusOK)
		entry("expense", 120_000_000) // still waiting for approval
		cancelled := entry("expense", 250_000_000)
		e.Do(http.MethodPost, base+"/"+cancelled+"/reverse", treasurer, nil).Expect(http.StatusCreated)
		reversed := entry("expense", 1_500_000)
		e.Do(http.MethodPost, base+"/"+reversed+"/reverse", treasurer, nil).Expect(http.StatusCreated)
		entry("expense", 1_000_000) // counts at once

		// The ledger's own figures, as the treasurer reads them.
		book := e.Do(http.MethodGet, base, treasurer, nil).Expect(http.StatusOK).Map()
		totals := book["totals"].(map[string]any)
		var donations int64
		for _, it := range book["items"].([]any) {
			if x := it.(map[string]any); x["counted"] == true && x["donation_id"] != nil {
				donations += int64(x["amount"].(float64))
			}
		}
		ledger := []int64{int64(totals["income"].(float64)), int64(totals["expense"].(float64)), donations}
		if ledger[0] != 502_075_050 || ledger[1] != 301_000_000 || ledger[2] != 2_075_050 || totals["awaiting_approval"] != float64(120_000_000) {
			t.Fatalf("ledger totals %v, donations %d", totals, donations)
		}

		// The group's dashboard and its public ledger count the same.
		sum := e.Do(http.MethodGet, "/api/v1/t/"+g.Slug+"/reports/summary", owner, nil).Expect(http.StatusOK).Map()["summary"].(map[string]any)
		pub := e.Do(http.MethodGet, "/api/v1/public/groups/"+g.Slug+"/ledger", "", nil).Expect(http.StatusOK).Map()["totals"].(map[string]any)
		if int64(sum["money_in"].(float64)) != ledger[0] || int64(sum["money_out"].(float64)) != ledger[1] ||
			int64(sum["donations_received"].(float64)) != ledger[2] || pub["income"] != totals["income"] || pub["expense"] != totals["expense"] {
			t.Fatalf("dashboard %v / public ledger %v, ledger %v", sum, pub, ledger)
		}

		e.RefreshFigures()
		path := "/api/v1/regions/53.01.08/report"
		var jsonMoney []int64
		for _, r := range e.Do(http.MethodGet, path, co.Token, nil).Expect(http.StatusOK).Map()["report"].(map[string]any)["groups"].([]any) {
			if row := r.(map[string]any); row["slug"] == g.Slug {
				m := row["money"].(map[string]any)
				jsonMoney = []int64{int64(m["in"].(float64)), int64(m["out"].(float64)), int64(m["donations"].(float64))}
			}
		}
		want := []string{"5020750.50", "3010000", "20750.50"}
		for i := range ledger {
			if jsonMoney == nil || jsonMoney[i] != ledger[i] {
				t.Fatalf("JSON money %v (minor units), ledger %v", jsonMoney, ledger)
			}
			if regions.Rupiah(ledger[i]) != want[i] {
				t.Fatalf("Rupiah(%d) = %s, want %s", ledger[i], regions.Rupiah(ledger[i]), want[i])
			}
		}

		recs, err := csv.NewReader(bytes.NewReader(e.Do(http.MethodGet, path+"?format=csv", co.Token, nil).Expect(http.StatusOK).Body)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		csvMoney := map[string]string{}
		for _, r := range recs {
			if r[0] == name && r[2] == "money" {
				csvMoney[r[3]] = r[4]
			}
		}
		for i, item := range []string{regions.MoneyInRp, regions.MoneyOutRp, regions.DonationsRp} {
			if csvMoney[item] != want[i] {
				t.Fatalf("CSV money %v, want %v in rupiah", csvMoney, want)
			}
		}

		f, err := excelize.OpenReader(bytes.NewReader(e.Do(http.MethodGet, path+"?format=xlsx", co.Token, nil).Expect(http.StatusOK).Body))
		if err != nil {
			t.Fatalf("the XLSX does not open: %v", err)
		}
		defer f.Close()
		rows, err := f.GetRows(regions.SheetGroups, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		col := map[string]int{}
		for i, h := range rows[0] {
			col[h] = i
		}
		var found bool
		for _, r := range rows[1:] {
			if r[0] != name {
				continue
			}
			found = true
			for i, h := range []string{"Money in (Rp)", "Money out (Rp)", "Donations (Rp)"} {
				got, err := strconv.ParseFloat(r[col[h]], 64)
				if _, ok := col[h]; !ok || err != nil || got != float64(ledger[i])/100 {
					t.Fatalf("XLSX %s = %q, ledger %d minor units (header %v)", h, r[col[h]], ledger[i], rows[0])
				}
			}
		}
		if !found {
			t.Fatalf("the group is not on the XLSX's Groups sheet")
		}
	})
}
