package regions

import (
	"time"

	"github.com/peduli/peduli/internal/platform/db"
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
}

// TableName is group_figures.
func (Figures) TableName() string { return "group_figures" }

func firstN(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}
