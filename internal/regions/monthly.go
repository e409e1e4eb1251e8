package regions

import (
	"encoding/json"
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
