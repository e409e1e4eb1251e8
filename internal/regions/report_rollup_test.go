package regions_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/regions"
	"github.com/peduli/peduli/internal/tenancy"
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
			// Two months are never a month, quarter or year.
			{"a range the rollup does not keep", day(-4), day(-3)},
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
				w := recomputed(t, e, region, from, to)
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
			e.Do(http.MethodGet, "/api/v1/regions/"+code+"/report?from="+day(-4)+"&to="+day(-3), token, nil).
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
// rollup keeps is answered from it once stored, and any other period is
// computed by a background job: the ask answers 202 with the result's
// location, asking again reuses the job, and once it has run the result
// holds the figures a recomputation from the raw tables gives, in every
// format, to those who oversee the region only. (The limit is set low
// here; smaller regions compute any period, as
// TestReportFromRollupEqualsRecomputation shows.)
func TestLargeRegionReportsInBackground(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		ctx := t.Context()
		const code = "53.71.06"
		e.App.Regions.LiveLimit = 1
		now := time.Now().UTC()
		first := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
		day := func(months int) string { return first.AddDate(0, months, 0).Format(time.DateOnly) }

		big := e.SignupGroupIn("Kelompok Latar Besar", code)
		small := e.SignupGroupIn("Kelompok Latar Kecil", code)
		pid := testkit.Str(e.CreateProgram(big, big.OwnerToken, map[string]any{"template_key": "tenun-ikat", "starts_on": day(-6)}), "id")
		var ids []string
		for range 7 {
			id := e.CreateBeneficiary(big, big.OwnerToken, nil)
			e.Enroll(big, big.OwnerToken, pid, id)
			ids = append(ids, id)
		}
		for i, m := range []int{-4, -3} {
			a := e.RecordActivity(big, big.OwnerToken, pid, "produksi", day(m))
			e.Do(http.MethodPut, "/api/v1/t/"+big.Slug+"/activities/"+a+"/attendance", big.OwnerToken,
				map[string]any{"present": ids[:5+i]}).Expect(http.StatusOK)
		}
		e.CreateBeneficiary(small, small.OwnerToken, nil)
		co := e.Coordinator(code)
		// Before the rollup has stored their rows, the region's figures are
		// not ready rather than computed group by group.
		e.Do(http.MethodGet, "/api/v1/regions/"+code+"/report", co.Token, nil).ExpectProblem(http.StatusConflict, "figures_not_ready")
		e.RefreshFigures()
		rep := e.Do(http.MethodGet, "/api/v1/regions/"+code+"/report?from="+day(-1)+"&to="+day(-1), co.Token, nil).
			Expect(http.StatusOK).Map()["report"].(map[string]any)
		if n := len(rep["groups"].([]any)); n != 2 {
			t.Fatalf("last month's report has %d groups", n)
		}

		// A period the rollup does not keep (two months are never a month,
		// quarter or year): queued, once.
		path := "/api/v1/regions/" + code + "/report?from=" + day(-4) + "&to=" + day(-3)
		ask := e.Do(http.MethodGet, path, co.Token, nil).Expect(http.StatusAccepted)
		loc := ask.Location()
		if !strings.HasPrefix(loc, "/api/v1/regions/"+code+"/reports/") || ask.Map()["location"] != loc || ask.Map()["status"] != "queued" {
			t.Fatalf("202: Location %q, body %s", loc, ask.Body)
		}
		if again := e.Do(http.MethodGet, path, co.Token, nil).Expect(http.StatusAccepted).Location(); again != loc {
			t.Fatalf("asked again: %q, want %q", again, loc)
		}
		if x := e.Do(http.MethodGet, path+"&format=xlsx", co.Token, nil).Expect(http.StatusAccepted).Location(); x != loc+"?format=xlsx" {
			t.Fatalf("the workbook's location %q", x)
		}
		var jobsQueued int64
		if err := e.Owner.Global(ctx).Raw(`SELECT count(*) FROM river_job WHERE kind = ?`, regions.ReportJob{}.Kind()).Scan(&jobsQueued).Error; err != nil {
			t.Fatal(err)
		}
		if jobsQueued != 1 {
			t.Fatalf("%d report jobs queued for three asks, want 1", jobsQueued)
		}
		res := e.Do(http.MethodGet, loc, co.Token, nil).Expect(http.StatusAccepted)
		if res.Header.Get("Retry-After") == "" {
			t.Fatalf("a result not ready has no Retry-After")
		}

		// Nobody but those who oversee the region sees the result.
		other := e.Coordinator("53.01")
		id := loc[strings.LastIndex(loc, "/")+1:]
		for _, token := range []string{other.Token, big.OwnerToken} {
			e.Do(http.MethodGet, loc, token, nil).ExpectProblem(http.StatusNotFound, "not_found")
		}
		e.Do(http.MethodGet, "/api/v1/regions/53.01/reports/"+id, other.Token, nil).ExpectProblem(http.StatusNotFound, "not_found")
		e.Do(http.MethodGet, "/api/v1/regions/"+code+"/reports/not-an-id", co.Token, nil).ExpectProblem(http.StatusNotFound, "not_found")

		e.StartJobs()
		var body map[string]any
		for deadline := time.Now().Add(60 * time.Second); ; {
			r := e.Do(http.MethodGet, loc, co.Token, nil)
			if r.Status == http.StatusOK {
				body = r.Map()
				break
			}
			r.Expect(http.StatusAccepted)
			if time.Now().After(deadline) {
				t.Fatalf("the report job did not finish: %s", r.Body)
			}
			time.Sleep(200 * time.Millisecond)
		}
		got := body["report"].(map[string]any)
		region, err := e.App.Tenancy.Store.Region(ctx, code)
		if err != nil {
			t.Fatal(err)
		}
		from, to, err := regions.Period(day(-4), day(-3), now)
		if err != nil {
			t.Fatal(err)
		}
		w := recomputed(t, e, region, from, to)
		if !reflect.DeepEqual(got["groups"], w["groups"]) || !reflect.DeepEqual(got["totals"], w["totals"]) {
			t.Fatalf("background report %v / %v\nrecomputed %v / %v", got["groups"], got["totals"], w["groups"], w["totals"])
		}
		if tot := got["totals"].(map[string]any); tot["attendance"].(map[string]any)["people"] != float64(5) || tot["attendance"].(map[string]any)["activities"] != float64(2) {
			t.Fatalf("totals = %v", tot)
		}
		if got["generated_by"] == "" || got["from"] != day(-4) {
			t.Fatalf("report header %v %v", got["generated_by"], got["from"])
		}
		// The files are rendered from the stored figures.
		csv := e.Do(http.MethodGet, loc+"?format=csv", co.Token, nil).Expect(http.StatusOK)
		if !strings.Contains(string(csv.Body), "Kelompok Latar Besar") || !strings.HasPrefix(csv.Header.Get("Content-Type"), "text/csv") {
			t.Fatalf("csv: %s", csv.Body)
		}
		f, err := excelize.OpenReader(bytes.NewReader(e.Do(http.MethodGet, loc+"?format=xlsx", co.Token, nil).Expect(http.StatusOK).Body))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := f.GetRows(regions.SheetGroups)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 4 || rows[1][0] != "Kelompok Latar Besar" || rows[3][0] != "Total" || rows[3][6] != "5" {
			t.Fatalf("workbook groups sheet %v", rows)
		}
		// Asking again answers with the stored result; once expired it is
		// gone and pruned.
		if r := e.Do(http.MethodGet, path, co.Token, nil).Expect(http.StatusAccepted); r.Location() != loc || r.Map()["status"] != "done" {
			t.Fatalf("asked after the job: %s", r.Body)
		}
		if n, err := e.App.Regions.PruneReports(ctx, now.Add(regions.ResultTTL+time.Hour)); err != nil || n < 1 {
			t.Fatalf("pruned %d (%v)", n, err)
		}
		e.Do(http.MethodGet, loc, co.Token, nil).ExpectProblem(http.StatusNotFound, "not_found")
	})
}

// recomputed is the region's report for from–to recomputed from the raw
// tables (RecomputeReport), as the JSON figures the API answers.
func recomputed(t *testing.T, e *testkit.Env, region *tenancy.Region, from, to db.Date) map[string]any {
	t.Helper()
	want, err := e.App.Regions.RecomputeReport(t.Context(), region, from, to)
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
	return w
}
