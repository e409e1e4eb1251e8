// Package dashboard serves a group's home page (/t/{slug}): the people it
// serves, its active programs, attendance over the last 90 days and the
// enterprise income trend, with small server-rendered SVG charts.
package dashboard

import (
	"html/template"

	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/programs"
	"github.com/peduli/peduli/internal/regions"
	"github.com/peduli/peduli/internal/regions/chart"
	"github.com/peduli/peduli/internal/tenancy"
	"github.com/peduli/peduli/internal/web"
)

// Handlers serves the dashboard. Its figures are counts and medians over
// the whole group, so every role may see them.
type Handlers struct {
	Pages    *web.Pages
	Tenancy  *tenancy.Service
	Regions  *regions.Service
	Programs *programs.Service
}

// data is what the dashboard template shows.
type data struct {
	Served          int64
	PRSE            int64
	ActivePrograms  int64
	Enrolled        int64
	Activities      int64
	Attendance      *float64
	Present         int64
	Expected        int64
	GraduationReady int64
	LatestIncome    *programs.IncomeMonth
	ActivityChart   template.HTML
	IncomeChart     template.HTML
	// Verification is shown until the group is verified: its state and
	// what the coordinator asked.
	Verification *regions.Verification
}

// Dashboard shows the group's figures (GET /t/{slug}). It keeps the
// template name workspace/dashboard, which sign-up and invitations land on.
func (h *Handlers) Dashboard(c *fiber.Ctx) error {
	ctx, scope := c.UserContext(), h.Tenancy.ScopeOf(c)
	sum, err := h.Regions.Summary(ctx, scope)
	if err != nil {
		return err
	}
	figs, err := h.Programs.DashboardFigures(ctx, scope)
	if err != nil {
		return err
	}
	v, err := h.Regions.Verification(ctx, tenancy.TenantOf(c))
	if err != nil {
		return err
	}
	loc := h.Pages.Localizer(c)
	d := data{Served: int64(sum.BeneficiariesServed), PRSE: int64(sum.PRSEServed), ActivePrograms: int64(sum.ActivePrograms),
		Enrolled: int64(figs.Enrolled), Activities: int64(sum.Activities90d), Attendance: sum.AttendanceRate90d,
		Present: int64(sum.AttendancePresent90d), Expected: int64(sum.AttendanceExpected90d),
		GraduationReady: int64(sum.GraduationReady)}
	if !v.Verified {
		d.Verification = v
	}
	var acts []chart.Point
	for _, m := range sum.ActivitiesByMonth {
		acts = append(acts, chart.Point{Label: web.ChartMonth(loc, m.Month), Value: m.Value})
	}
	d.ActivityChart = chart.Bars(loc.T("dashboard.chart.activities"), acts, "%.0f")
	var inc []chart.Point
	for i, m := range figs.IncomeTrend {
		if m.Members == 0 {
			continue
		}
		inc = append(inc, chart.Point{Label: web.ChartMonth(loc, m.Period), Value: float64(m.Median) / 100})
		d.LatestIncome = &figs.IncomeTrend[i]
	}
	if len(inc) > 0 {
		d.IncomeChart = chart.LineIn(loc.T("dashboard.chart.income"), inc, web.ChartRupiah(loc))
	}
	return h.Pages.Render(c, "workspace/dashboard", d)
}
