package programs

import "github.com/peduli/peduli/internal/platform/db"

// Date is a calendar day (YYYY-MM-DD); see db.Date.
type Date = db.Date

// dateLayout is the one form dates take in the API and in SQLite.
const dateLayout = db.DateLayout

// ParseDate checks s is a real day in YYYY-MM-DD form.
func ParseDate(s string) (Date, bool) { return db.ParseDate(s) }

// DateOf returns the day of t in UTC.
var DateOf = db.DateOf
