package regions

import (
	"context"
	"sort"
	"time"
)

// GroupMonth is one group's exact figures for one calendar month, as the
// rollup keeps them (table group_months). Figures over a period are sums
// over its months; people are counted where they are published.
type GroupMonth struct {
	TenantID   string `gorm:"primaryKey"`
	Month      string `gorm:"primaryKey"` // YYYY-MM
	Activities int
	Expected   int
	Present    int
	People     int
	NewPeople  int
	NewPRSE    int `gorm:"column:new_prse"`
	MoneyIn    int64
	MoneyOut   int64
	Donations  int64
}

// TableName is group_months.
func (GroupMonth) TableName() string { return "group_months" }

// groupMonths works out every month of the group's activity, attendance,
// registrations and ledger from its facts.
func groupMonths(tenantID string, f *facts) map[string]*GroupMonth {
	out := map[string]*GroupMonth{}
	at := func(m string) *GroupMonth {
		g, ok := out[m]
		if !ok {
			g = &GroupMonth{TenantID: tenantID, Month: m}
			out[m] = g
		}
		return g
	}
	for _, d := range f.activities {
		at(firstN(string(d), 7)).Activities++
	}
	// People per month as attendance counts them: those expected, or those
	// present though not on the sheet, whichever is more.
	expected, off := map[string]map[string]bool{}, map[string]map[string]bool{}
	add := func(m map[string]map[string]bool, month, person string) {
		if m[month] == nil {
			m[month] = map[string]bool{}
		}
		m[month][person] = true
	}
	for _, x := range f.sheet {
		m := firstN(string(x.HeldOn), 7)
		at(m).Expected += x.N
		add(expected, m, x.Person)
	}
	for _, x := range f.present {
		m := firstN(string(x.HeldOn), 7)
		g := at(m)
		g.Present += x.N
		if x.OffSheet {
			g.Expected += x.N
			add(off, m, x.Person)
		}
	}
	for m, g := range out {
		g.People = max(len(expected[m]), len(off[m]))
	}
	for _, p := range f.people {
		g := at(p.CreatedAt.UTC().Format("2006-01"))
		g.NewPeople++
		if p.EligiblePRSE {
			g.NewPRSE++
		}
	}
	for _, d := range f.ledger {
		g := at(firstN(d.Day, 7))
		g.MoneyIn, g.MoneyOut, g.Donations = g.MoneyIn+d.Income, g.MoneyOut+d.Expense, g.Donations+d.Donations
	}
	return out
}

// sortedMonths returns the group's months, oldest first.
func sortedMonths(m map[string]*GroupMonth) []GroupMonth {
	out := make([]GroupMonth, 0, len(m))
	for _, g := range m {
		out = append(out, *g)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Month < out[j].Month })
	return out
}

// lastTwelve is the chart's series of the 12 months ending with now's.
func lastTwelve(m map[string]*GroupMonth, now time.Time) Months {
	months := lastMonths(now, 12)
	out := make(Months, len(months))
	for i, first := range months {
		k := first.Format("2006-01")
		out[i] = Month{Month: k}
		if g, ok := m[k]; ok {
			out[i] = Month{Month: k, Activities: g.Activities, Expected: g.Expected, Present: g.Present, People: g.People}
		}
	}
	return out
}

// RegionMonths returns the region's last 12 months from the stored months
// of every group at or below code.
func (s *Service) RegionMonths(ctx context.Context, code string) ([]RegionMonth, error) {
	now := s.Now()
	first := lastMonths(now, 12)[0].Format("2006-01")
	var rows []GroupMonth
	err := s.DB.Global(ctx).Table("group_months m").Select("m.*").Joins("JOIN tenants t ON t.id = m.tenant_id").
		Where("(t.region_code = ? OR t.region_code LIKE ?) AND m.month >= ?", code, code+".%", first).
		Order("m.tenant_id, m.month").Find(&rows).Error
	if err != nil {
		return nil, err
	}
	byGroup := map[string]map[string]*GroupMonth{}
	for i := range rows {
		r := &rows[i]
		if byGroup[r.TenantID] == nil {
			byGroup[r.TenantID] = map[string]*GroupMonth{}
		}
		byGroup[r.TenantID][r.Month] = r
	}
	// An empty series first, so every one of the 12 months is listed.
	series := []Months{lastTwelve(nil, now)}
	for _, m := range byGroup {
		series = append(series, lastTwelve(m, now))
	}
	return regionMonths(series), nil
}
