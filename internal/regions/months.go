package regions

import (
	"time"

	"github.com/peduli/peduli/internal/platform/clock"
	"github.com/peduli/peduli/internal/platform/db"
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
func activitiesByMonth(t *db.Tenant, now time.Time, n int) ([]MonthlyValue, error) {
	months := lastMonths(now, n)
	var days []db.Date
	err := t.DB().Table("program_activities").Where("tenant_id = ? AND held_on >= ?", t.ID, clock.Today(months[0], clock.Zone)).
		Pluck("held_on", &days).Error
	if err != nil {
		return nil, err
	}
	count := map[string]int{}
	for _, d := range days {
		count[firstN(string(d), 7)]++
	}
	out := make([]MonthlyValue, n)
	for i, m := range months {
		k := m.Format("2006-01")
		out[i] = MonthlyValue{Month: k, Value: float64(count[k])}
	}
	return out, nil
}
