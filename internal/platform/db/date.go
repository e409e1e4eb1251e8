package db

import (
	"database/sql/driver"
	"fmt"
	"time"
)

// Date is a calendar day (YYYY-MM-DD) with no time or zone. It is stored as
// `date` in PostgreSQL and as ISO text in SQLite, so it compares and sorts
// the same in both, and it reads either back in the same form.
type Date string

// DateLayout is the one form dates take in the API and in SQLite.
const DateLayout = time.DateOnly

// ParseDate checks s is a real day in YYYY-MM-DD form within a sane range.
func ParseDate(s string) (Date, bool) {
	t, err := time.Parse(DateLayout, s)
	if err != nil || t.Year() < 1900 || t.Year() > 2200 {
		return "", false
	}
	return Date(t.Format(DateLayout)), true
}

// CalendarDate returns the day t's own calendar shows (its year, month and
// day in its location), for arithmetic on days such as a loan's schedule.
// It is not "today": the current day is clock.Today, in the group's zone.
func CalendarDate(t time.Time) Date { return Date(t.Format(DateLayout)) }

// Time returns the day at midnight UTC.
func (d Date) Time() time.Time {
	t, _ := time.Parse(DateLayout, string(d))
	return t
}

// Value writes the day as YYYY-MM-DD text, which PostgreSQL casts to date.
func (d Date) Value() (driver.Value, error) { return string(d), nil }

// Scan reads a day from a PostgreSQL date (time.Time) or SQLite text.
func (d *Date) Scan(src any) error {
	switch v := src.(type) {
	case time.Time:
		*d = Date(v.Format(DateLayout))
	case string:
		*d = Date(firstDay(v))
	case []byte:
		*d = Date(firstDay(string(v)))
	case nil:
		*d = ""
	default:
		return fmt.Errorf("db.Date: cannot scan %T", src)
	}
	return nil
}

func firstDay(s string) string {
	if len(s) > len(DateLayout) {
		return s[:len(DateLayout)]
	}
	return s
}
