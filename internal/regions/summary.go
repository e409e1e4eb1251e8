package regions

import (
	"context"

	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/tenancy"
)

// Summary is a group's dashboard for its own team: exact counts over
// everyone it serves (consent to reporting governs only what leaves the
// group), money, and the monthly series its charts draw.
type Summary struct {
	BeneficiariesServed int      `json:"beneficiaries_served"`
	PRSEServed          int      `json:"prse_served"`
	ActivePrograms      int      `json:"active_programs"`
	Activities90d       int      `json:"activities_90d"`
	AttendanceRate90d   *float64 `json:"attendance_rate_90d"`
	// AttendancePresent90d of AttendanceExpected90d make the rate.
	AttendancePresent90d  int            `json:"attendance_present_90d"`
	AttendanceExpected90d int            `json:"attendance_expected_90d"`
	MedianIncomeChange    *int64         `json:"median_income_change"`
	GraduationReady       int            `json:"graduation_ready"`
	DonationsReceived     int64          `json:"donations_received"`
	MoneyIn               int64          `json:"money_in"`
	MoneyOut              int64          `json:"money_out"`
	LastActivityOn        *db.Date       `json:"last_activity_on"`
	ActivitiesByMonth     []MonthlyValue `json:"activities_by_month"`
}

// MonthlyValue is one point of a monthly series.
type MonthlyValue struct {
	Month string  `json:"month"` // YYYY-MM
	Value float64 `json:"value"`
}

// Summary computes the group's own dashboard figures in its scope.
func (s *Service) Summary(ctx context.Context, scope db.Scope) (*Summary, error) {
	var out Summary
	err := scope.Read(ctx, func(t *db.Tenant) error {
		now := s.Now()
		fx, err := s.loadFacts(t, team)
		if err != nil {
			return err
		}
		f, m, err := s.compute(t, fx, now, team)
		if err != nil {
			return err
		}
		months := fx.activitiesByMonth(now, 12)
		out = Summary{BeneficiariesServed: f.PeopleServed, PRSEServed: f.PRSEServed, ActivePrograms: f.ActivePrograms,
			Activities90d: f.Activities90d, AttendanceRate90d: f.AttendanceRate90d,
			AttendancePresent90d: f.AttendancePresent90d, AttendanceExpected90d: f.AttendanceExpected90d, MedianIncomeChange: f.IncomeChangeMedian,
			GraduationReady: f.GraduationReady, DonationsReceived: m.Donations, MoneyIn: m.In, MoneyOut: m.Out,
			LastActivityOn: f.LastActivityOn, ActivitiesByMonth: months}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// Summary answers the group's own report (GET /t/{slug}/reports/summary).
func (h *Handlers) Summary(c *fiber.Ctx) error {
	sum, err := h.Service.Summary(c.UserContext(), h.Service.DB.Scope(tenancy.TenantOf(c).ID))
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"summary": sum})
}
