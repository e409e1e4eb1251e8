package programs_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/peduli/peduli/internal/testkit"
)

// TestDashboardFigures: active programs, activities and attendance rate in
// the last 90 days, and the monthly income trend; and the writes behind
// them are in the audit log.
func TestDashboardFigures(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Angka Sejahtera")
		base := "/api/v1/t/" + g.Slug
		tok := g.OwnerToken
		pid := e.CreateProgram(g, tok, map[string]any{"template_key": "olahan-kelor", "starts_on": "2026-01-05"})["id"].(string)
		closed := e.CreateProgram(g, tok, map[string]any{"template_key": "kebun-gizi", "starts_on": "2025-01-05"})["id"].(string)
		e.Do(http.MethodPatch, base+"/programs/"+closed, tok, map[string]any{"status": "closed"}).Expect(http.StatusOK)
		var ids []string
		for i := 0; i < 4; i++ {
			ids = append(ids, e.CreateBeneficiary(g, tok, nil))
			e.Enroll(g, tok, pid, ids[i])
		}
		now := time.Now().UTC()
		recent := now.AddDate(0, 0, -10).Format(time.DateOnly)
		a1 := e.RecordActivity(g, tok, pid, "other", recent)
		a2 := e.RecordActivity(g, tok, pid, "other", recent)
		e.RecordActivity(g, tok, pid, "other", now.AddDate(0, 0, -200).Format(time.DateOnly)) // outside the window
		e.Do(http.MethodPut, base+"/activities/"+a1+"/attendance", tok, map[string]any{"present": ids}).Expect(http.StatusOK)
		e.Do(http.MethodPut, base+"/activities/"+a2+"/attendance", tok, map[string]any{"present": ids[:2]}).Expect(http.StatusOK)
		last := now.AddDate(0, -1, 0).Format("2006-01")
		e.RecordOutcome(g, tok, ids[0], "monthly_income", last, 100)
		e.RecordOutcome(g, tok, ids[1], "monthly_income", last, 300)
		e.RecordOutcome(g, tok, ids[2], "monthly_income", last, 200)

		f, err := e.App.Programs.DashboardFigures(context.Background(), e.App.DB.Scope(g.TenantID))
		if err != nil {
			t.Fatal(err)
		}
		if f.ActivePrograms != 1 || f.Enrolled != 4 || f.Activities != 2 || f.AttendanceRate == nil || *f.AttendanceRate != 0.75 {
			t.Fatalf("figures = %+v (rate %v)", f, f.AttendanceRate)
		}
		if len(f.IncomeTrend) != 1 || f.IncomeTrend[0].Period != last || f.IncomeTrend[0].Members != 3 ||
			f.IncomeTrend[0].Average != 200 || f.IncomeTrend[0].Median != 200 {
			t.Fatalf("income trend = %+v", f.IncomeTrend)
		}

		var events []struct {
			Entity string
			N      int
		}
		if err := e.Owner.Global(t.Context()).Table("audit_events").Select("entity, COUNT(*) AS n").
			Where("tenant_id = ?", g.TenantID).Group("entity").Scan(&events).Error; err != nil {
			t.Fatal(err)
		}
		got := map[string]int{}
		for _, ev := range events {
			got[ev.Entity] = ev.N
		}
		want := map[string]int{"program": 3, "enrollment": 4, "activity": 3, "attendance": 2, "outcome": 3}
		for k, n := range want {
			if got[k] != n {
				t.Errorf("audit events for %s: %d, want %d (all: %v)", k, got[k], n, got)
			}
		}
	})
}
