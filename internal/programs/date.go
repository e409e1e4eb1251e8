package programs

import (
	"database/sql/driver"
	"fmt"
	"time"
)

// Date is a calendar day (YYYY-MM-DD) with no time or zone. It is stored as
// `date` in PostgreSQL and as ISO text in SQLite, so it compares and sorts
// the same in both; it reads either back.
type Date string

// dateLayout is the one form dates take in the API and in SQLite.
const dateLayout = "2006-01-02"

// ParseDate checks s is a real day in YYYY-MM-DD form.
func ParseDate(s string) (Date, bool) {
	t, err := time.Parse(dateLayout, s)
	if err != nil || t.Year() < 1900 || t.Year() > 2200 {
		return "", false
	}
	return Date(t.Format(dateLayout)), true
}

// DateOf returns the day of t in UTC.
func DateOf(t time.Time) Date { return Date(t.UTC().Format(dateLayout)) }

// Time returns the day at midnight UTC.
func (d Date) Time() time.Time {
	t, _ := time.Parse(dateLayout, string(d))
	return t
}

// Value writes the day as YYYY-MM-DD text, which PostgreSQL casts to date.
func (d Date) Value() (driver.Value, error) { return string(d), nil }

// Scan reads a day from a PostgreSQL date (time.Time) or SQLite text.
func (d *Date) Scan(src any) error {
	switch v := src.(type) {
	case time.Time:
		*d = Date(v.Format(dateLayout))
	case string:
		*d = Date(trimDay(v))
	case []byte:
		*d = Date(trimDay(string(v)))
	case nil:
		*d = ""
	default:
		return fmt.Errorf("programs.Date: cannot scan %T", src)
	}
	return nil
}

func trimDay(s string) string {
	if len(s) > len(dateLayout) {
		return s[:len(dateLayout)]
	}
	return s
}
