package regions

import (
	"database/sql/driver"
	"fmt"
	"time"
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
	IncomeChangePeople  int
	IncomeChangeMedian  *int64
	GraduationReady     int
	DonationsReceived   int64
	LastActivityOn      *Day
	Monthly             string
	SourceChangedAt     *time.Time
	RefreshedAt         time.Time
}

// TableName is group_figures.
func (Figures) TableName() string { return "group_figures" }

// Day is a calendar day, YYYY-MM-DD: a PostgreSQL date or SQLite text.
type Day string

const dayLayout = "2006-01-02"

// DayOf returns t's day in UTC.
func DayOf(t time.Time) Day { return Day(t.UTC().Format(dayLayout)) }

// Time returns the day at midnight UTC.
func (d Day) Time() time.Time {
	t, _ := time.Parse(dayLayout, string(d))
	return t
}

// Value writes YYYY-MM-DD, which PostgreSQL casts to date.
func (d Day) Value() (driver.Value, error) { return string(d), nil }

// Scan reads a PostgreSQL date or SQLite text.
func (d *Day) Scan(src any) error {
	switch v := src.(type) {
	case time.Time:
		*d = DayOf(v)
	case string:
		*d = Day(firstN(v, 10))
	case []byte:
		*d = Day(firstN(string(v), 10))
	case nil:
		*d = ""
	default:
		return fmt.Errorf("regions: cannot read a day from %T", src)
	}
	return nil
}

func firstN(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}
