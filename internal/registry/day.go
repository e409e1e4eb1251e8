package registry

import (
	"database/sql/driver"
	"fmt"
	"time"
)

// Day is a calendar day (YYYY-MM-DD), stored as `date` in PostgreSQL and as
// ISO text in SQLite; it reads either back in the same form.
type Day string

// Value writes the day as text, which PostgreSQL casts to date.
func (d Day) Value() (driver.Value, error) { return string(d), nil }

// Scan reads a PostgreSQL date (time.Time) or SQLite text.
func (d *Day) Scan(src any) error {
	switch v := src.(type) {
	case time.Time:
		*d = Day(v.Format(time.DateOnly))
	case string:
		*d = Day(firstDay(v))
	case []byte:
		*d = Day(firstDay(string(v)))
	case nil:
		*d = ""
	default:
		return fmt.Errorf("registry.Day: cannot scan %T", src)
	}
	return nil
}

func firstDay(s string) string {
	if len(s) > len(time.DateOnly) {
		return s[:len(time.DateOnly)]
	}
	return s
}
