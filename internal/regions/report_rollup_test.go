package regions_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"testing"
	"time"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/regions"
	"github.com/peduli/peduli/internal/testkit"
)

// The region report reads each group's row from the rollup; for every kind
// of period a coordinator asks for (the default, a month, a quarter, a
// year, and a range the rollup does not keep) its figures equal a
// recomputation from the raw tables, before and after a change that the
// rollup job picks up.
func TestReportFromRollupEqualsRecomputation(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		ctx := t.Context()
		const code = "53.71.03"
		now := time.Now().UTC()
		first := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
		day := func(months int) string { return first.AddDate(0, months, 0).Format(time.DateOnly) }
		month := func(months int) string { return first.AddDate(0, months, 0).Format("2006-01") }

		big := e.SignupGroupIn("Kelompok Rollup Besar", code)
		small := e.SignupGroupIn("Kelompok Rollup Kecil", code)
		pid := testkit.Str(e.CreateProgram(big, big.OwnerToken, map[string]any{"template_key": "tenun-ikat", "starts_on": day(-6)}), "id")
		own := testkit.Str(e.CreateProgram(small, small.OwnerToken, map[string]any{"name": "Kebun Bersama", "category": "food",
			"starts_on": day(-2)}), "id")
		var ids []string
		for i := range 8 {
			income := 300000000
			if i%3 == 0 {
				income = 100000000
			}
			id := e.CreateBeneficiary(big, big.OwnerToken, map[string]any{"monthly_income": income})
			e.Enroll(big, big.OwnerToken, pid, id)
			ids = append(ids, id)
		}
		for i, m := range []int{-4, -2, -1, 0} {
			a := e.RecordActivity(big, big.OwnerToken, pid, "produksi", day(m))
			e.Do(http.MethodPut, "/api/v1/t/"+big.Slug+"/activities/"+a+"/attendance", big.OwnerToken,
				map[string]any{"present": ids[:4+i]}).Expect(http.StatusOK)
		}
		// Income over three months for six women: each one's change differs,
		// so a median pooled wrongly would show.
		for k, id := range ids[:6] {
			for i, m := range []int{-2, -1, 0} {
				e.RecordOutcome(big, big.OwnerToken, id, "monthly_income", month(m), int64(200000000+k*7000000+i*(k+1)*3000000))
			}
		}
		var few []string
		for range 3 {
			id := e.CreateBeneficiary(small, small.OwnerToken, nil)
			e.Enroll(small, small.OwnerToken, own, id)
			few = append(few, id)
		}
		a := e.RecordActivity(small, small.OwnerToken, own, "other", day(-1))
		e.Do(http.MethodPut, "/api/v1/t/"+small.Slug+"/activities/"+a+"/attendance", small.OwnerToken,
			map[string]any{"present": few[:2]}).Expect(http.StatusOK)
		e.Do(http.MethodPost, "/api/v1/t/"+big.Slug+"/donations", big.OwnerToken, map[string]any{"amount": 5000000, "currency": "IDR",
			"method": "cash", "received_on": day(0), "donor": map[string]any{"name": "Bapak Donatur"}}).Expect(http.StatusCreated)
		co := e.Coordinator(code)
		e.RefreshFigures()

		quarter := first.AddDate(0, -int(first.Month()-1)%3, 0)
		periods := []struct{ name, from, to string }{
			{"default", "", ""},
			{"this month", day(0), day(0)},
			{"last month", day(-1), day(-1)},
			{"this quarter", quarter.Format(time.DateOnly), quarter.AddDate(0, 3, -1).Format(time.DateOnly)},
			{"this year", first.AddDate(0, -int(first.Month()-1), 0).Format(time.DateOnly), ""},
			{"a range the rollup does not keep", day(-4), day(-2)},
		}
		region, err := e.App.Tenancy.Store.Region(ctx, code)
		if err != nil {
			t.Fatal(err)
		}
		check := func(when string) map[string]any {
			var def map[string]any
			for _, p := range periods {
				q := url.Values{"format": {"json"}}
				if p.from != "" {
					q.Set("from", p.from)
				}
				if p.to != "" {
					q.Set("to", p.to)
				}
				body := e.Do(http.MethodGet, "/api/v1/regions/"+code+"/report?"+q.Encode(), co.Token, nil).Expect(http.StatusOK).Map()
				rep := body["report"].(map[string]any)
				from, to, err := regions.Period(p.from, p.to, time.Now().UTC())
				if err != nil {
					t.Fatal(err)
				}
				want, err := e.App.Regions.RecomputeReport(ctx, region, from, to)
				if err != nil {
					t.Fatal(err)
				}
				wantJSON, err := regions.ReportFigures(want)
				if err != nil {
					t.Fatal(err)
				}
				var w map[string]any
				if err := json.Unmarshal([]byte(wantJSON), &w); err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(rep["groups"], w["groups"]) || !reflect.DeepEqual(rep["totals"], w["totals"]) {
					t.Errorf("%s, %s: report %v / %v\nrecomputed %v / %v", when, p.name, rep["groups"], rep["totals"], w["groups"], w["totals"])
				}
				if p.name == "default" {
					def = rep
				}
			}
			return def
		}
		// A coordinator of another regency, and a group's own team, get 404
		// for this sub-district's report whatever its period.
		other := e.Coordinator("53.01")
		for _, token := range []string{other.Token, big.OwnerToken} {
			e.Do(http.MethodGet, "/api/v1/regions/"+code+"/report", token, nil).ExpectProblem(http.StatusNotFound, "not_found")
			e.Do(http.MethodGet, "/api/v1/regions/"+code+"/report?from="+day(-4)+"&to="+day(-2), token, nil).
				ExpectProblem(http.StatusNotFound, "not_found")
		}
		before := check("after the first refresh")
		tot := before["totals"].(map[string]any)
		if tot["people"].(map[string]any)["served"] != float64(10) || tot["outcomes"].([]any)[0].(map[string]any)["median_change"] == nil {
			t.Fatalf("default period totals = %v", tot)
		}
		if row := before["groups"].([]any)[1].(map[string]any); row["slug"] != small.Slug || row["people"].(map[string]any)["served"] != regions.Suppressed {
			t.Fatalf("small group row = %v", row)
		}

		// A change marks the group; until the rollup job runs the stored
		// period still shows the figures of the last refresh.
		for range 5 {
			id := e.CreateBeneficiary(big, big.OwnerToken, nil)
			e.Enroll(big, big.OwnerToken, pid, id)
		}
		e.RecordOutcome(big, big.OwnerToken, ids[6], "monthly_income", month(-1), 150000000)
		e.RecordOutcome(big, big.OwnerToken, ids[6], "monthly_income", month(0), 190000000)
		stale := e.Do(http.MethodGet, "/api/v1/regions/"+code+"/report", co.Token, nil).Expect(http.StatusOK).Map()["report"].(map[string]any)
		if !reflect.DeepEqual(stale["groups"], before["groups"]) {
			t.Fatalf("the stored rows changed before the rollup ran")
		}
		if n, err := e.App.Regions.RefreshChanged(ctx, regions.RefreshBatch); err != nil || n != 1 {
			t.Fatalf("the rollup job refreshed %d groups (%v), want 1", n, err)
		}
		after := check("after the rollup job")
		if after["totals"].(map[string]any)["people"].(map[string]any)["served"] != float64(15) {
			t.Fatalf("totals after the change = %v", after["totals"])
		}
	})
}

// In a region of more groups than a request may compute, a period the
// rollup keeps is answered from it once stored and any other period is refused with
// the periods that may be asked for (smaller regions compute it, as
// TestReportFromRollupEqualsRecomputation shows).
func TestLargeRegionReportsStoredPeriods(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		const code = "53.71.06"
		now := time.Now().UTC()
		g := e.Owner.Global(t.Context())
		for i := range regions.LiveGroups + 1 {
			if err := g.Exec(`INSERT INTO tenants (id, slug, name, status, verified, region_code, created_at, updated_at)
				VALUES (?, ?, ?, 'active', false, ?, ?, ?)`, db.NewID(), testkit.Unique("besar"), fmt.Sprintf("Besar %03d", i), code, now, now).Error; err != nil {
				t.Fatal(err)
			}
		}
		co := e.Coordinator(code)
		// Before the rollup has stored their rows, the region's figures are
		// not ready rather than computed group by group.
		e.Do(http.MethodGet, "/api/v1/regions/"+code+"/report", co.Token, nil).ExpectProblem(http.StatusConflict, "figures_not_ready")
		e.RefreshFigures()
		first := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
		rep := e.Do(http.MethodGet, "/api/v1/regions/"+code+"/report?from="+first.AddDate(0, -1, 0).Format(time.DateOnly)+
			"&to="+first.AddDate(0, -1, 0).Format(time.DateOnly), co.Token, nil).Expect(http.StatusOK).Map()["report"].(map[string]any)
		if n := len(rep["groups"].([]any)); n != regions.LiveGroups+1 {
			t.Fatalf("last month's report has %d groups", n)
		}
		e.Do(http.MethodGet, "/api/v1/regions/"+code+"/report?from="+first.AddDate(0, -3, 0).Format(time.DateOnly)+
			"&to="+first.AddDate(0, -2, 0).Format(time.DateOnly), co.Token, nil).ExpectProblem(http.StatusUnprocessableEntity, "validation_failed")
	})
}
