package regions

import (
	"time"

	"github.com/peduli/peduli/internal/platform/clock"
)

// lastMonths returns the first day of each of the n months ending with
// now's in the group's zone, oldest first.
func lastMonths(now time.Time, n int) []time.Time {
	now = now.In(clock.Zone)
	first := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
	out := make([]time.Time, n)
	for i := 0; i < n; i++ {
		out[i] = first.AddDate(0, i-n+1, 0)
	}
	return out
}

// activitiesByMonth counts the group's activities in each of the last n
// months. Activities are not people, so the counts are exact.
func (f *facts) activitiesByMonth(now time.Time, n int) []MonthlyValue {
	months := lastMonths(now, n)
	count := map[string]int{}
	for _, d := range f.activities {
		count[firstN(string(d), 7)]++
	}
	out := make([]MonthlyValue, n)
	for i, m := range months {
		k := m.Format("2006-01")
		out[i] = MonthlyValue{Month: k, Value: float64(count[k])}
	}
	return out
}
