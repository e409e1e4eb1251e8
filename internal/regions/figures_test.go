package regions_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/peduli/peduli/internal/testkit"
)

func TestFiguresFromProgramsActivitiesAndOutcomes(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroupIn("Tenun Harapan", "53.01.08.2011")
		idle := e.SignupGroupIn("Kelompok Sepi", "53.01.08.2011")
		co := e.Coordinator("53.01.08")
		now := time.Now().UTC()
		today := now.Format(time.DateOnly)
		prog := e.CreateProgram(g, g.OwnerToken, map[string]any{"template_key": "tenun-ikat",
			"starts_on": now.AddDate(0, -5, 0).Format(time.DateOnly)})
		pid := testkit.Str(prog, "id")

		var ids []string
		for i := 0; i < 6; i++ {
			id := e.CreateBeneficiary(g, g.OwnerToken, map[string]any{"monthly_income": 100000000})
			e.Enroll(g, g.OwnerToken, pid, id)
			ids = append(ids, id)
		}
		// Two activities today: everyone at the first, half at the second.
		a1 := e.RecordActivity(g, g.OwnerToken, pid, "produksi", today)
		a2 := e.RecordActivity(g, g.OwnerToken, pid, "pemasaran", today)
		e.Do(http.MethodPut, "/api/v1/t/"+g.Slug+"/activities/"+a1+"/attendance", g.OwnerToken, map[string]any{"present": ids}).Expect(http.StatusOK)
		e.Do(http.MethodPut, "/api/v1/t/"+g.Slug+"/activities/"+a2+"/attendance", g.OwnerToken, map[string]any{"present": ids[:3]}).Expect(http.StatusOK)
		// Income: five women three months above the NTT minimum wage
		// (Rp 2.455.898 in 2026) and rising by Rp 200.000; one rising by
		// Rp 500.000 over two months, not yet ready.
		for _, id := range ids[:5] {
			for i, v := range []int64{250000000, 260000000, 270000000} {
				e.RecordOutcome(g, g.OwnerToken, id, "monthly_income", now.AddDate(0, i-2, 0).Format("2006-01"), v)
			}
		}
		e.RecordOutcome(g, g.OwnerToken, ids[5], "monthly_income", now.AddDate(0, -1, 0).Format("2006-01"), 100000000)
		e.RecordOutcome(g, g.OwnerToken, ids[5], "monthly_income", now.Format("2006-01"), 150000000)
		// A cash gift of Rp 50.000 and, from the ledger, money in and out.
		e.Do(http.MethodPost, "/api/v1/t/"+g.Slug+"/donations", g.OwnerToken, map[string]any{"amount": 5000000, "currency": "IDR",
			"method": "cash", "received_on": today, "donor": map[string]any{"name": "Bapak Donatur"}}).Expect(http.StatusCreated)
		e.RefreshFigures()

		list := e.Do(http.MethodGet, "/api/v1/regions/53.01.08/groups?sort=-activities_90d", co.Token, nil).Expect(http.StatusOK).Map()
		months := list["months"].([]any)
		if last := months[len(months)-1].(map[string]any); len(months) != 12 || last["month"] != now.Format("2006-01") ||
			last["activities"] != float64(2) || last["attendance_rate"] != 0.75 {
			t.Errorf("months = %v", months)
		}
		rows := slugs(t, list)
		r := rows[g.Slug]
		want := map[string]any{"beneficiaries_served": float64(5), "active_programs": float64(1), "activities_90d": float64(2),
			"attendance_rate_90d": 0.75, "median_income_change": float64(20000000), "graduation_ready": float64(5),
			"last_activity_on": today, "quiet": false, "donations_received": float64(5000000)}
		for k, v := range want {
			if r[k] != v {
				t.Errorf("%s = %v, want %v", k, r[k], v)
			}
		}
		if r["figures_at"] == nil {
			t.Errorf("figures_at is null after a refresh")
		}
		if q := rows[idle.Slug]; q["quiet"] != false || q["last_activity_on"] != nil || q["attendance_rate_90d"] != nil {
			t.Errorf("a new group without activity = %v", q)
		}
		// The group's own summary has the same figures, exactly.
		sum := e.Do(http.MethodGet, "/api/v1/t/"+g.Slug+"/reports/summary", g.OwnerToken, nil).Expect(http.StatusOK).Map()["summary"].(map[string]any)
		if sum["beneficiaries_served"] != float64(6) || sum["graduation_ready"] != float64(5) || sum["attendance_rate_90d"] != 0.75 {
			t.Errorf("summary = %v", sum)
		}
		// Sixty-one days on, both groups have gone quiet.
		e.App.Regions.Now = func() time.Time { return now.AddDate(0, 0, 61) }
		rows = slugs(t, e.Do(http.MethodGet, "/api/v1/regions/53.01.08/groups", co.Token, nil).Expect(http.StatusOK).Map())
		if rows[g.Slug]["quiet"] != true || rows[idle.Slug]["quiet"] != true {
			t.Errorf("quiet flags after 61 days: %v, %v", rows[g.Slug]["quiet"], rows[idle.Slug]["quiet"])
		}
		e.App.Regions.Now = func() time.Time { return time.Now().UTC() }

		// The report: programs by template, attendance and outcome changes.
		rep := e.Do(http.MethodGet, "/api/v1/regions/53.01.08/report", co.Token, nil).Expect(http.StatusOK).Map()["report"].(map[string]any)
		var row map[string]any
		for _, x := range rep["groups"].([]any) {
			if x.(map[string]any)["slug"] == g.Slug {
				row = x.(map[string]any)
			}
		}
		progs := row["programs"].([]any)
		if len(progs) != 1 || progs[0].(map[string]any)["template"] != "tenun-ikat" || progs[0].(map[string]any)["programs"] != float64(1) {
			t.Errorf("programs = %v", progs)
		}
		att := row["attendance"].(map[string]any)
		if att["activities"] != float64(2) || att["rate"] != 0.75 || att["people"] != float64(5) {
			t.Errorf("attendance = %v", att)
		}
		outs := row["outcomes"].([]any)
		if len(outs) != 1 || outs[0].(map[string]any)["median_change"] != float64(20000000) {
			t.Errorf("outcomes = %v", outs)
		}
		if m := row["money"].(map[string]any); m["donations"] != float64(5000000) || m["in"] != float64(5000000) {
			t.Errorf("money = %v", m)
		}
		tot := rep["totals"].(map[string]any)
		if tot["attendance"].(map[string]any)["rate"] != 0.75 || tot["outcomes"].([]any)[0].(map[string]any)["median_change"] != float64(20000000) {
			t.Errorf("totals = %v", tot)
		}

		// The rollup refreshes only what changed: nothing changed, nothing refreshed.
		if n, err := e.App.Regions.RefreshStale(t.Context()); err != nil || n != 0 {
			t.Errorf("second refresh: %d groups, %v", n, err)
		}
		e.CreateBeneficiary(g, g.OwnerToken, nil)
		if n, err := e.App.Regions.RefreshStale(t.Context()); err != nil || n != 1 {
			t.Errorf("refresh after a change: %d groups, %v", n, err)
		}
	})
}
