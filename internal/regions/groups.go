package regions

import (
	"context"
	"math"
	"time"

	"gorm.io/gorm"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/tenancy"
)

// GroupFigures is one group as its coordinators see it: its profile and
// the published (suppressed, rounded) form of its rollup figures.
type GroupFigures struct {
	Slug                string  `json:"slug"`
	Name                string  `json:"name"`
	RegionCode          string  `json:"region_code"`
	Village             string  `json:"village"`
	District            string  `json:"district"`
	Status              string  `json:"status"`
	Verified            bool    `json:"verified"`
	Verification        string  `json:"verification"`
	BeneficiariesServed Count   `json:"beneficiaries_served"`
	PRSEServed          Count   `json:"prse_served"`
	ActivePrograms      int     `json:"active_programs"`
	Activities90d       int     `json:"activities_90d"`
	AttendanceRate90d   Measure `json:"attendance_rate_90d"`
	MedianIncomeChange  Measure `json:"median_income_change"`
	GraduationReady     Count   `json:"graduation_ready"`
	DonationsReceived   int64   `json:"donations_received"`
	// The group's own money and members' enterprises: amounts resting on
	// fewer than MinCell savers or loans are suppressed like people counts.
	SavingsBalance     Measure    `json:"savings_balance"`
	LoansOutstanding   Measure    `json:"loans_outstanding"`
	PAR30              Measure    `json:"par30"`
	EnterprisesActive  Count      `json:"enterprises_active"`
	MedianProfitChange Measure    `json:"median_profit_change"`
	LastActivityOn     *db.Date   `json:"last_activity_on"`
	Quiet              bool       `json:"quiet"`
	FiguresAt          *time.Time `json:"figures_at"`
}

// SortKeys are the values ?sort= accepts; a leading "-" sorts descending.
var SortKeys = []string{"name", "beneficiaries_served", "prse_served", "active_programs", "activities_90d",
	"attendance_rate_90d", "median_income_change", "graduation_ready", "donations_received", "last_activity_on"}

// Group returns the published figures of the group slug, which lies at or
// below region code (errs.ErrNotFound otherwise).
func (s *Service) Group(ctx context.Context, code, slug string) (*GroupFigures, error) {
	rows, err := s.groupRows(ctx, code, func(q *gorm.DB) *gorm.DB { return q.Where("t.slug = ?", slug) })
	if err != nil {
		return nil, err
	}
	if len(rows) != 1 {
		return nil, errs.ErrNotFound
	}
	return &rows[0], nil
}

// groupRows reads the groups at or below region code with their published
// figures, in one query that shape may order and cut.
func (s *Service) groupRows(ctx context.Context, code string, shape func(*gorm.DB) *gorm.DB) ([]GroupFigures, error) {
	var rows []struct {
		tenancy.Tenant
		VerificationStatus string
		F                  Figures `gorm:"embedded;embeddedPrefix:f_"`
	}
	q := s.DB.Global(ctx).Table("tenants t").
		Select(`t.id, t.slug, t.name, t.status, t.verified, t.verification_status, t.region_code, t.village,
			t.district, t.created_at, f.tenant_id AS f_tenant_id, f.people_served AS f_people_served, f.prse_served AS f_prse_served,
			f.active_programs AS f_active_programs, f.activities_90d AS f_activities_90d,
			f.attendance_people_90d AS f_attendance_people_90d, f.attendance_rate_90d AS f_attendance_rate_90d,
			f.income_change_people AS f_income_change_people, f.income_change_median AS f_income_change_median,
			f.graduation_ready AS f_graduation_ready, f.donations_received AS f_donations_received,
			f.last_activity_on AS f_last_activity_on, f.refreshed_at AS f_refreshed_at,
			f.savers AS f_savers, f.savings_balance AS f_savings_balance, f.loans AS f_loans,
			f.loans_outstanding AS f_loans_outstanding, f.par30_amount AS f_par30_amount, f.enterprises_active AS f_enterprises_active,
			f.profit_change_people AS f_profit_change_people, f.profit_change_median AS f_profit_change_median`).
		Joins("LEFT JOIN group_figures f ON f.tenant_id = t.id").
		Where("(t.region_code = ? OR t.region_code LIKE ?)", code, code+".%")
	if err := shape(q).Scan(&rows).Error; err != nil {
		return nil, err
	}
	now := s.Now()
	out := make([]GroupFigures, 0, len(rows))
	for _, r := range rows {
		g := publishGroup(r.Tenant, r.F, now)
		g.Verification = stateOf(r.Verified, r.VerificationStatus)
		out = append(out, g)
	}
	return out, nil
}

// publishGroup applies the coordinator rules to one group's exact figures.
func publishGroup(t tenancy.Tenant, f Figures, now time.Time) GroupFigures {
	g := GroupFigures{Slug: t.Slug, Name: t.Name, RegionCode: t.RegionCode, Village: t.Village, District: t.District,
		Status: t.Status, Verified: t.Verified,
		BeneficiariesServed: Publish(f.PeopleServed), PRSEServed: Publish(f.PRSEServed),
		ActivePrograms: f.ActivePrograms, Activities90d: f.Activities90d,
		GraduationReady: Publish(f.GraduationReady), DonationsReceived: f.DonationsReceived,
		LastActivityOn: f.LastActivityOn}
	if f.AttendanceRate90d != nil {
		g.AttendanceRate90d = MeasureOver(math.Round(*f.AttendanceRate90d*100)/100, true, f.AttendancePeople90d)
	}
	if f.IncomeChangeMedian != nil {
		g.MedianIncomeChange = MedianOver(*f.IncomeChangeMedian, true, f.IncomeChangePeople)
	}
	g.SavingsBalance = MeasureOver(float64(f.SavingsBalance), f.Savers > 0, f.Savers)
	g.LoansOutstanding = MeasureOver(float64(f.LoansOutstanding), f.Loans > 0, f.Loans)
	if f.LoansOutstanding > 0 {
		g.PAR30 = MeasureOver(math.Round(float64(f.PAR30Amount)/float64(f.LoansOutstanding)*10_000)/10_000, true, f.Loans)
	}
	g.EnterprisesActive = Publish(f.EnterprisesActive)
	if f.ProfitChangeMedian != nil {
		g.MedianProfitChange = MedianOver(*f.ProfitChangeMedian, true, f.ProfitChangePeople)
	}
	if f.TenantID != "" {
		at := f.RefreshedAt
		g.FiguresAt = &at
	}
	since := t.CreatedAt
	if f.LastActivityOn != nil && f.LastActivityOn.Time().After(since) {
		since = f.LastActivityOn.Time()
	}
	g.Quiet = now.Sub(since) > Quiet
	return g
}

// countKey sorts a suppressed count between 0 and 5, where it lies.
func countKey(c Count) float64 {
	if c.Suppressed {
		return 2.5
	}
	return float64(c.Value)
}
