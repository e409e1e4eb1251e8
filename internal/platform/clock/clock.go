// Package clock is Peduli's one calendar: which day it is for a group.
//
// Every date the product records or shows (an enrolment, a meeting, a
// receipt, a permit's validity, a figure's window) is a day in the group's
// own time zone, not in UTC: at 23:30 UTC it is already the next morning in
// Kupang. The groups Peduli serves are all in Nusa Tenggara Timur, so the
// zone is WITA (Asia/Makassar, UTC+8); a province in another zone would be
// given its own zone in the tenants/ reference data and passed to Today in
// place of Zone (see docs/ARCHITECTURE.md).
package clock

import (
	"time"
	_ "time/tzdata" // the binary may run in a container without /usr/share/zoneinfo

	"github.com/peduli/peduli/internal/platform/db"
)

// ZoneName is the IANA name of the groups' time zone: WITA, NTT's.
const ZoneName = "Asia/Makassar"

// Zone is the groups' time zone, loaded from the embedded zone database.
var Zone = mustLoad(ZoneName)

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic("clock: " + name + ": " + err.Error()) // embedded tzdata: cannot happen
	}
	return loc
}

// Today is the calendar day that the moment now falls on in zone.
func Today(now time.Time, zone *time.Location) db.Date {
	return db.Date(now.In(zone).Format(db.DateLayout))
}

// Month is the calendar month (YYYY-MM) that now falls in, in zone.
func Month(now time.Time, zone *time.Location) string {
	return now.In(zone).Format("2006-01")
}
