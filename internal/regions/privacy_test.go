package regions_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/peduli/peduli/internal/regions"
	"github.com/peduli/peduli/internal/testkit"
)

// people registers n women in g; prse ones are assessed eligible. It
// returns the names, NIKs and phones used, which no coordinator answer may
// contain.
func people(e *testkit.Env, g *testkit.Group, n int, prse bool, purposes []string) []string {
	var personal []string
	for i := 0; i < n; i++ {
		name := testkit.Unique("Yohana Seran")
		phone := fmt.Sprintf("0813%08d", 10000000+len(name)*1000+i)
		income := 300000000
		if prse {
			income = 100000000
		}
		fields := map[string]any{"name": name, "phone": phone, "monthly_income": income,
			"consent": map[string]any{"purposes": purposes}}
		e.Logs.Forbid(phone)
		id := e.CreateBeneficiary(g, g.OwnerToken, fields)
		a := e.Do(http.MethodPost, "/api/v1/t/"+g.Slug+"/beneficiaries/"+id+"/assessments", g.OwnerToken,
			map[string]any{"assessed_on": "2026-03-01"}).Expect(http.StatusCreated).Map()
		if a["eligible_prse"] != prse {
			e.T.Fatalf("assessment = %v, want eligible_prse %v", a, prse)
		}
		b := e.Do(http.MethodGet, "/api/v1/t/"+g.Slug+"/beneficiaries/"+id, g.OwnerToken, nil).Expect(http.StatusOK).Map()
		personal = append(personal, name, phone, testkit.Str(b, "nik"))
	}
	return personal
}

var all = []string{"services", "reporting", "sharing"}

func TestSmallCellsConsentAndDifferencing(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		// Kupang Tengah: 3 PRSE women and one other with reporting consent,
		// and one PRSE woman who refused reporting.
		small := e.SignupGroupIn("Mawar Kecil", "53.01.08.2013")
		personal := people(e, small, 3, true, all)
		personal = append(personal, people(e, small, 1, false, all)...)
		personal = append(personal, people(e, small, 1, true, []string{"services"})...)
		// Kupang Barat: 6 PRSE women.
		big := e.SignupGroupIn("Melati Besar", "53.01.05")
		personal = append(personal, people(e, big, 6, true, all)...)
		co := e.Coordinator("53.01")
		e.RefreshFigures()

		// The group's own team sees everyone, exactly.
		sum := e.Do(http.MethodGet, "/api/v1/t/"+small.Slug+"/reports/summary", small.OwnerToken, nil).Expect(http.StatusOK).Map()["summary"].(map[string]any)
		if sum["beneficiaries_served"] != float64(5) || sum["prse_served"] != float64(4) {
			t.Fatalf("own summary = %v", sum)
		}
		// The coordinator sees "<5" for the small group — with the refusing
		// woman counted it would read 5 — and 5 (6 rounded) for the other.
		list := e.Do(http.MethodGet, "/api/v1/regions/53.01/groups?sort=-prse_served", co.Token, nil).Expect(http.StatusOK)
		rows := slugs(t, list.Map())
		if s := rows[small.Slug]; s["beneficiaries_served"] != regions.Suppressed || s["prse_served"] != regions.Suppressed {
			t.Fatalf("small group = %v", s)
		}
		if b := rows[big.Slug]; b["prse_served"] != float64(5) || b["beneficiaries_served"] != float64(5) {
			t.Fatalf("big group = %v", b)
		}
		if first := list.Map()["items"].([]any)[0].(map[string]any); first["slug"] != big.Slug {
			t.Errorf("sorted by -prse_served, first = %v", first["slug"])
		}

		// JSON report: the same cells, totals summed from the cells shown.
		rep := report(t, e, co.Token, "53.01", "")
		sRow, bRow := rep.row(small.Slug), rep.row(big.Slug)
		if sRow["prse"] != regions.Suppressed || sRow["served"] != regions.Suppressed || bRow["prse"] != float64(5) {
			t.Fatalf("report rows small=%v big=%v", sRow, bRow)
		}
		if rep.totals["prse"] != float64(5) {
			t.Fatalf("total PRSE = %v, want 5: the suppressed 3 must not be in it", rep.totals["prse"])
		}
		// Differencing: the regency total minus the cells shown leaves
		// nothing of the small group, and the sub-district report (the small
		// group alone with Rindu Sejahtera) gives "<5", not 3.
		sub := report(t, e, co.Token, "53.01.08", "")
		if sub.totals["prse"] != regions.Suppressed {
			t.Fatalf("sub-district total = %v", sub.totals["prse"])
		}
		// A seventh woman in the big group changes neither the group cell nor
		// the total: a difference of one person never shows.
		personal = append(personal, people(e, big, 1, true, all)...)
		after := report(t, e, co.Token, "53.01", "")
		if after.row(big.Slug)["prse"] != float64(5) || after.totals["prse"] != rep.totals["prse"] {
			t.Fatalf("one more person shows: before %v, after %v", rep.totals, after.totals)
		}
		// Another period of whole months gives the same published cells.
		may := report(t, e, co.Token, "53.01", "&from=2026-01-15&to=2026-12-02")
		if may.body["report"].(map[string]any)["from"] != "2026-01-01" || may.body["report"].(map[string]any)["to"] != "2026-12-31" {
			t.Fatalf("period not snapped to months: %v", may.body["report"])
		}

		// Two date ranges: six women registered five months ago and two more
		// last month. Exact counts (6 and 8) would tell that 2 joined last
		// month; the published counts differ by a multiple of 5 that says
		// nothing so small.
		dated := e.SignupGroupIn("Kenanga Bertahap", "53.01.06")
		personal = append(personal, people(e, dated, 8, false, all)...)
		now := time.Now().UTC()
		first := time.Date(now.Year(), now.Month(), 1, 12, 0, 0, 0, time.UTC)
		var ids []string
		e.Owner.Global(t.Context()).Table("beneficiaries").Where("tenant_id = ?", dated.TenantID).Order("id").Pluck("id", &ids)
		for i, id := range ids {
			at := first.AddDate(0, -5, 0)
			if i >= 6 {
				at = first.AddDate(0, -1, 0)
			}
			e.Owner.Global(t.Context()).Table("beneficiaries").Where("tenant_id = ? AND id = ?", dated.TenantID, id).Update("created_at", at)
		}
		month := func(back int) string { return first.AddDate(0, -back, 0).Format(time.DateOnly) }
		before := report(t, e, co.Token, "53.01.06", "&from="+month(5)+"&to="+month(2)).row(dated.Slug)["served"]
		after2 := report(t, e, co.Token, "53.01.06", "&from="+month(5)+"&to="+month(1)).row(dated.Slug)["served"]
		if before != float64(5) || after2 != float64(10) {
			t.Fatalf("served before/after = %v/%v, want 5/10", before, after2)
		}
		if d := after2.(float64) - before.(float64); d == 2 || int(d)%5 != 0 {
			t.Fatalf("the difference %v reveals the two who joined", d)
		}

		// CSV: "<5" in the small group's cells.
		res := e.Do(http.MethodGet, "/api/v1/regions/53.01/report?format=csv", co.Token, nil).Expect(http.StatusOK)
		if !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") {
			t.Fatalf("content type %q", res.Header.Get("Content-Type"))
		}
		recs, err := csv.NewReader(bytes.NewReader(res.Body)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, r := range recs {
			if r[0] == "Mawar Kecil" && r[2] == "people" && r[3] == "prse" {
				found = r[4] == regions.Suppressed
			}
			if r[0] == "Total" && r[2] == "people" && r[3] == "prse" && r[4] != "5" {
				t.Errorf("CSV total PRSE = %q", r[4])
			}
		}
		if !found {
			t.Errorf("CSV has no suppressed PRSE cell for the small group:\n%s", res.Body)
		}
		raw := [][]byte{list.Body, res.Body, e.Do(http.MethodGet, "/api/v1/regions/53.01/report", co.Token, nil).Body}

		// XLSX: opens, shows "<5", and its totals equal the JSON totals.
		x := e.Do(http.MethodGet, "/api/v1/regions/53.01/report?format=xlsx", co.Token, nil).Expect(http.StatusOK)
		f, err := excelize.OpenReader(bytes.NewReader(x.Body))
		if err != nil {
			t.Fatalf("the XLSX does not open: %v", err)
		}
		defer f.Close()
		cover, _ := f.GetRows(regions.SheetCover)
		if len(cover) < 5 || cover[1][1] != "Kabupaten Kupang (53.01)" || !strings.Contains(cover[4][1], co.Email) {
			t.Fatalf("cover = %v", cover)
		}
		sheet, err := f.GetRows(regions.SheetGroups)
		if err != nil {
			t.Fatal(err)
		}
		var xSmall, xTotal []string
		for _, r := range sheet {
			switch r[0] {
			case "Mawar Kecil":
				xSmall = r
			case "Total":
				xTotal = r
			}
			raw = append(raw, []byte(strings.Join(r, "|")))
		}
		if xSmall == nil || xSmall[3] != regions.Suppressed || xSmall[2] != regions.Suppressed {
			t.Fatalf("XLSX small group row = %v", xSmall)
		}
		jt := report(t, e, co.Token, "53.01", "").body["report"].(map[string]any)["totals"].(map[string]any)
		jp := jt["people"].(map[string]any)
		want := []string{fmt.Sprint(jp["served"]), fmt.Sprint(jp["prse"]), fmt.Sprint(jp["other"]),
			fmt.Sprint(jt["attendance"].(map[string]any)["activities"])}
		if xTotal == nil || strings.Join(xTotal[2:6], ",") != strings.Join(want, ",") {
			t.Fatalf("XLSX totals %v, JSON totals %v", xTotal, want)
		}

		// Nothing a coordinator receives names a person.
		for _, body := range raw {
			for _, p := range personal {
				if p != "" && bytes.Contains(body, []byte(p)) {
					t.Fatalf("a coordinator answer contains a personal value")
				}
			}
		}
	})
}

type reportAnswer struct {
	body   map[string]any
	totals map[string]any
}

func (r reportAnswer) row(slug string) map[string]any {
	for _, g := range r.body["report"].(map[string]any)["groups"].([]any) {
		if g.(map[string]any)["slug"] == slug {
			return g.(map[string]any)["people"].(map[string]any)
		}
	}
	return nil
}

func report(t *testing.T, e *testkit.Env, token, code, query string) reportAnswer {
	t.Helper()
	m := e.Do(http.MethodGet, "/api/v1/regions/"+code+"/report?format=json"+query, token, nil).Expect(http.StatusOK).Map()
	return reportAnswer{body: m, totals: m["report"].(map[string]any)["totals"].(map[string]any)["people"].(map[string]any)}
}
