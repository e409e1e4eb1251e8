package regions_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/peduli/peduli/internal/testkit"
)

// TestSummaryShowsSavedAttendanceAtOnce: the group's own dashboard is
// exact and current, with no rollup run in between: attendance a chair has
// just saved, and an outcome just recorded, are in the next summary and on
// the next dashboard page.
func TestSummaryShowsSavedAttendanceAtOnce(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Segar")
		a := e.CreateBeneficiary(g, g.OwnerToken, nil)
		b := e.CreateBeneficiary(g, g.OwnerToken, nil)
		pid := testkit.Str(e.CreateProgram(g, g.OwnerToken, map[string]any{"template_key": "tenun-ikat", "starts_on": "2026-01-05"}), "id")
		e.Enroll(g, g.OwnerToken, pid, a)
		e.Enroll(g, g.OwnerToken, pid, b)
		now := time.Now().UTC()
		act := e.RecordActivity(g, g.OwnerToken, pid, "pertemuan_kelompok", now.Format(time.DateOnly))
		summary := func() map[string]any {
			t.Helper()
			return e.Do(http.MethodGet, "/api/v1/t/"+g.Slug+"/reports/summary", g.OwnerToken, nil).
				Expect(http.StatusOK).Map()["summary"].(map[string]any)
		}
		if s := summary(); s["attendance_present_90d"] != float64(0) || s["attendance_expected_90d"] != float64(2) ||
			s["activities_90d"] != float64(1) || s["median_income_change"] != nil {
			t.Fatalf("before attendance: %v", s)
		}
		for _, present := range [][]string{{a}, {a, b}, {b}} {
			e.Do(http.MethodPut, "/api/v1/t/"+g.Slug+"/activities/"+act+"/attendance", g.OwnerToken,
				map[string]any{"present": present}).Expect(http.StatusOK)
			want := float64(len(present))
			if s := summary(); s["attendance_present_90d"] != want || s["attendance_rate_90d"] != want/2 {
				t.Errorf("after saving %d present: %v", len(present), s)
			}
		}
		e.BrowserAs(g.OwnerToken).Get("/t/"+g.Slug).Expect(http.StatusOK).
			Contains(`id="fig-attendance"><span class="n">50%</span>`, `<span class="of">1 dari 2</span>`)

		last := time.Date(now.Year(), now.Month()-1, 1, 0, 0, 0, 0, time.UTC).Format("2006-01")
		e.RecordOutcome(g, g.OwnerToken, a, "monthly_income", last, 5000000)
		e.RecordOutcome(g, g.OwnerToken, a, "monthly_income", now.Format("2006-01"), 7000000)
		if s := summary(); s["median_income_change"] != float64(2000000) {
			t.Errorf("after two incomes: median_income_change = %v, want 2000000", s["median_income_change"])
		}
	})
}
