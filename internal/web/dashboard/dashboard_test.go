package dashboard_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/peduli/peduli/internal/access"
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
		now := time.Now().UTC()
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
		en.Get(home).Expect(http.StatusOK).Contains("people served", "attendance, last 90 days", "Rp 50,000", "Activities per month")

		// Every role sees the figures (counts only); the welcome names her role.
		viewer := e.BrowserAs(team[access.Viewer].Token)
		viewer.Get(home).Expect(http.StatusOK).Contains(`id="fig-served"><span class="n">2</span>`, "Pengamat").
			Lacks("Penerima manfaat")

		// Another group's owner: 404 page.
		other := e.SignupGroup("Kelompok Asing")
		e.BrowserAs(other.OwnerToken).Get(home).Expect(http.StatusNotFound).Lacks("Kelompok Beranda")
	})
}
