package regions

import (
	"context"
	"encoding/json"
	"time"

	"github.com/peduli/peduli/internal/platform/db"
)

// Month is one month of a group's activity, exact, as the rollup keeps it.
type Month struct {
	Month      string `json:"month"` // YYYY-MM
	Activities int    `json:"activities"`
	Expected   int    `json:"expected"`
	Present    int    `json:"present"`
	People     int    `json:"people"`
}

// Months is the rollup's monthly series, stored as JSON text.
type Months []Month

// monthly computes the last 12 months of activities and attendance of
// reportable people.
func monthly(t *db.Tenant, now time.Time) (Months, error) {
	acts, err := activitiesByMonth(t, now, 12)
	if err != nil {
		return nil, err
	}
	out := make(Months, len(acts))
	for i, m := range lastMonths(now, 12) {
		att, err := attendance(t, reportable, DayOf(m), DayOf(m.AddDate(0, 1, 0)))
		if err != nil {
			return nil, err
		}
		out[i] = Month{Month: acts[i].Month, Activities: int(acts[i].Value), Expected: att.expected, Present: att.present, People: att.people}
	}
	return out, nil
}

func (m Months) text() string {
	b, _ := json.Marshal(m)
	return string(b)
}

func parseMonths(s string) Months {
	var m Months
	_ = json.Unmarshal([]byte(s), &m)
	return m
}

// RegionMonth is one month of a region's activity as coordinators see it:
// activities summed, attendance pooled over groups, the rate suppressed
// when it rests on fewer than MinCell people in that group-month.
type RegionMonth struct {
	Month      string  `json:"month"`
	Activities int     `json:"activities"`
	Rate       Measure `json:"attendance_rate"`
}

// regionMonths adds the groups' series month by month. A group-month whose
// attendance rests on fewer than MinCell people is left out of the pooled
// rate, as a suppressed cell is left out of a total.
func regionMonths(series []Months) []RegionMonth {
	byMonth := map[string]*struct{ acts, exp, pres, people int }{}
	var order []string
	for _, s := range series {
		for _, m := range s {
			x, ok := byMonth[m.Month]
			if !ok {
				x = &struct{ acts, exp, pres, people int }{}
				byMonth[m.Month] = x
				order = append(order, m.Month)
			}
			x.acts += m.Activities
			if m.People >= MinCell {
				x.exp, x.pres, x.people = x.exp+m.Expected, x.pres+m.Present, x.people+m.People
			}
		}
	}
	sortStrings(order)
	out := make([]RegionMonth, 0, len(order))
	for _, k := range order {
		x := byMonth[k]
		rm := RegionMonth{Month: k, Activities: x.acts}
		if x.exp > 0 {
			rm.Rate = MeasureOver(round2(float64(x.pres)/float64(x.exp)), true, x.people)
		}
		out = append(out, rm)
	}
	return out
}

// RegionMonths returns the region's last 12 months, from the rollup of
// every group at or below code.
func (s *Service) RegionMonths(ctx context.Context, code string) ([]RegionMonth, error) {
	var texts []string
	err := s.DB.Global(ctx).Table("group_figures f").Joins("JOIN tenants t ON t.id = f.tenant_id").
		Where("t.region_code = ? OR t.region_code LIKE ?", code, code+".%").Pluck("f.monthly", &texts).Error
	if err != nil {
		return nil, err
	}
	series := make([]Months, len(texts))
	for i, s := range texts {
		series[i] = parseMonths(s)
	}
	return regionMonths(series), nil
}
