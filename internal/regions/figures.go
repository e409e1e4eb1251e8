package regions

import (
	"time"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/tenancy"
)

// Figures is one group's row of the rollup: exact counts, computed inside
// the group's own scope. Only Publish-ed forms of it leave this package.
type Figures struct {
	TenantID            string `gorm:"primaryKey"`
	PeopleServed        int
	PRSEServed          int `gorm:"column:prse_served"`
	ActivePrograms      int
	Activities90d       int      `gorm:"column:activities_90d"`
	AttendancePeople90d int      `gorm:"column:attendance_people_90d"`
	AttendanceRate90d   *float64 `gorm:"column:attendance_rate_90d"`
	// AttendancePresent90d and AttendanceExpected90d are the rate's two
	// counts, for the group's own dashboard; the rollup keeps only the rate.
	AttendancePresent90d  int `gorm:"-"`
	AttendanceExpected90d int `gorm:"-"`
	IncomeChangePeople    int
	IncomeChangeMedian    *int64
	GraduationReady       int
	DonationsReceived     int64
	Savers                int
	SavingsBalance        int64
	Loans                 int
	LoansOutstanding      int64
	PAR30Amount           int64 `gorm:"column:par30_amount"`
	EnterprisesActive     int
	ProfitChangePeople    int
	ProfitChangeMedian    *int64
	LastActivityOn        *db.Date
	Monthly               string
	SourceChangedAt       *time.Time
	RefreshedAt           time.Time
	// The published values the group list sorts by (see setSortKeys).
	SortServed     float64 `gorm:"column:sort_served"`
	SortPRSE       float64 `gorm:"column:sort_prse"`
	SortReady      float64 `gorm:"column:sort_ready"`
	SortAttendance float64 `gorm:"column:sort_attendance"`
	SortIncome     float64 `gorm:"column:sort_income"`
	SortLast       float64 `gorm:"column:sort_last"`
}

// sortLowest stands for a hidden or unknown value in a sort column: it
// sorts below every real one on both databases.
const sortLowest = -1e300

// setSortKeys stores the published value of each sortable figure, as
// sortGroups orders them: a group list sorted and paged in SQL then gives
// the same order as sorting the published rows.
func (f *Figures) setSortKeys() {
	g := publishGroup(tenancy.Tenant{}, *f, f.RefreshedAt)
	finite := func(v float64) float64 { return max(v, sortLowest) }
	f.SortServed, f.SortPRSE, f.SortReady = countKey(g.BeneficiariesServed), countKey(g.PRSEServed), countKey(g.GraduationReady)
	f.SortAttendance, f.SortIncome = finite(g.AttendanceRate90d.Sortable()), finite(g.MedianIncomeChange.Sortable())
	f.SortLast = sortLowest
	if f.LastActivityOn != nil {
		f.SortLast = float64(f.LastActivityOn.Time().Unix())
	}
}

// TableName is group_figures.
func (Figures) TableName() string { return "group_figures" }

func firstN(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}
