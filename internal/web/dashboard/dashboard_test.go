package dashboard_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/platform/clock"
	"github.com/peduli/peduli/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

func TestDashboardFigures(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Beranda")
		team := e.Team(g)
		home := "/t/" + g.Slug
		owner := e.BrowserAs(g.OwnerToken)
		owner.Get(home).Expect(http.StatusOK).Contains("Kelompok Beranda", "orang dilayani", "Belum ada penghasilan usaha yang dicatat.")

		// Two people in a program, one activity today with one of the two present, income for last month.
		a := e.CreateBeneficiary(g, g.OwnerToken, nil)
		b := e.CreateBeneficiary(g, g.OwnerToken, nil)
		pid := testkit.Str(e.CreateProgram(g, g.OwnerToken, map[string]any{"template_key": "tenun-ikat", "starts_on": "2026-01-05"}), "id")
		e.Enroll(g, g.OwnerToken, pid, a)
		e.Enroll(g, g.OwnerToken, pid, b)
		now := clock.Today(time.Now(), clock.Zone).Time() // the group's day, not UTC's
		act := e.RecordActivity(g, g.OwnerToken, pid, "pertemuan_kelompok", now.Format("2006-01-02"))
		e.Do(http.MethodPut, "/api/v1/t/"+g.Slug+"/activities/"+act+"/attendance", g.OwnerToken,
			map[string]any{"present": []string{a}}).Expect(http.StatusOK)
		last := time.Date(now.Year(), now.Month()-1, 1, 0, 0, 0, 0, time.UTC).Format("2006-01")
		e.RecordOutcome(g, g.OwnerToken, a, "monthly_income", last, 5000000)
		e.RecordOutcome(g, g.OwnerToken, b, "monthly_income", last, 5000000)

		res := owner.Get(home).Expect(http.StatusOK)
		res.Contains(`id="fig-served"><span class="n">2</span>`, `id="fig-programs"><span class="n">1</span>`,
			`id="fig-attendance"><span class="n">50%</span>`, "Rp 50.000", "<svg", "Kegiatan per bulan", "Median penghasilan usaha")
		en := e.BrowserAs(g.OwnerToken)
		en.AcceptLanguage = "en"
		en.Get(home).Expect(http.StatusOK).Contains("people served", "attendance, last 90 days", "Rp 50,000", "Activities per month",
			">Rp 50 k<", ">"+now.Format("Jan 2006")+"<")
		// The income axis reads in rupiah words, months carry their year.
		res.Contains(">Rp 50 rb<")

		// Every role sees the figures (counts only); the welcome names her role.
		viewer := e.BrowserAs(team[access.Viewer].Token)
		viewer.Get(home).Expect(http.StatusOK).Contains(`id="fig-served"><span class="n">2</span>`, "Pengamat").
			Lacks("Penerima manfaat")

		// Another group's owner: 404 page.
		other := e.SignupGroup("Kelompok Asing")
		e.BrowserAs(other.OwnerToken).Get(home).Expect(http.StatusNotFound).Lacks("Kelompok Beranda")
	})
}

// TestDashboardAttendanceExpectsTheSheet: everyone on an activity's sheet
// when it was saved is expected, even if enrolled after the activity's day;
// someone enrolled after the sheet was saved, or withdrawn before the
// activity, is not.
func TestDashboardAttendanceExpectsTheSheet(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Hadir")
		home := "/t/" + g.Slug
		api := "/api/v1/t/" + g.Slug
		now := clock.Today(time.Now(), clock.Zone).Time() // the group's day, not UTC's
		day := func(d int) string { return now.AddDate(0, 0, d).Format("2006-01-02") }

		// Three women enrolled today; then a meeting held two days ago is
		// recorded with two of them present.
		pid := testkit.Str(e.CreateProgram(g, g.OwnerToken, map[string]any{"template_key": "tenun-ikat", "starts_on": "2026-01-05"}), "id")
		a, b, c := e.CreateBeneficiary(g, g.OwnerToken, nil), e.CreateBeneficiary(g, g.OwnerToken, nil), e.CreateBeneficiary(g, g.OwnerToken, nil)
		for _, id := range []string{a, b, c} {
			e.Enroll(g, g.OwnerToken, pid, id)
		}
		act := e.RecordActivity(g, g.OwnerToken, pid, "pertemuan_kelompok", day(-2))
		e.Do(http.MethodPut, api+"/activities/"+act+"/attendance", g.OwnerToken,
			map[string]any{"present": []string{a, b}}).Expect(http.StatusOK)
		// Enrolled after the sheet was saved: not on it.
		e.Enroll(g, g.OwnerToken, pid, e.CreateBeneficiary(g, g.OwnerToken, nil))

		owner := e.BrowserAs(g.OwnerToken)
		owner.Get(home).Expect(http.StatusOK).Contains(`id="fig-attendance"><span class="n">66,7%</span>`, `<span class="of">2 dari 3</span>`)
		en := e.BrowserAs(g.OwnerToken)
		en.AcceptLanguage = "en"
		en.Get(home).Expect(http.StatusOK).Contains("66.7%", `<span class="of">2 of 3</span>`)
		var sum struct {
			Summary struct {
				Present  int `json:"attendance_present_90d"`
				Expected int `json:"attendance_expected_90d"`
			} `json:"summary"`
		}
		e.Do(http.MethodGet, api+"/reports/summary", g.OwnerToken, nil).Expect(http.StatusOK).JSON(&sum)
		if sum.Summary.Present != 2 || sum.Summary.Expected != 3 {
			t.Fatalf("summary attendance = %d of %d, want 2 of 3", sum.Summary.Present, sum.Summary.Expected)
		}

		// A second program: one member withdrawn today is not expected at
		// an activity held tomorrow; the other, present, is.
		p2 := testkit.Str(e.CreateProgram(g, g.OwnerToken, map[string]any{"template_key": "tenun-ikat", "starts_on": "2026-01-05"}), "id")
		w, x := e.CreateBeneficiary(g, g.OwnerToken, nil), e.CreateBeneficiary(g, g.OwnerToken, nil)
		wid := testkit.Str(e.Do(http.MethodPost, api+"/programs/"+p2+"/enrollments", g.OwnerToken,
			map[string]any{"beneficiary_id": w, "enrolled_on": day(-10)}).Expect(http.StatusCreated).Map(), "id")
		e.Do(http.MethodPost, api+"/programs/"+p2+"/enrollments", g.OwnerToken,
			map[string]any{"beneficiary_id": x, "enrolled_on": day(-10)}).Expect(http.StatusCreated)
		e.Do(http.MethodDelete, api+"/enrollments/"+wid, g.OwnerToken, nil).Expect(http.StatusNoContent)
		act2 := e.RecordActivity(g, g.OwnerToken, p2, "pertemuan_kelompok", day(1))
		e.Do(http.MethodPut, api+"/activities/"+act2+"/attendance", g.OwnerToken,
			map[string]any{"present": []string{x}}).Expect(http.StatusOK)
		owner.Get(home).Expect(http.StatusOK).Contains(`id="fig-attendance"><span class="n">75%</span>`, `<span class="of">3 dari 4</span>`)
	})
}
