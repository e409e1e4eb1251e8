package regions

import (
	"context"
	"fmt"
	"sort"
	"sync"
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
// of every group at or below code, added up in one grouped query: a
// group-month's attendance joins the pooled rate only when it rests on
// MinCell people or more (see regionMonths).
//
// The answer is kept for MonthsFor per region: the chart comes with every
// first page of the group list, and at 10,000 groups the query reads
// 120,000 rows, while the months it sums change only when the rollup job
// runs (every minute).
func (s *Service) RegionMonths(ctx context.Context, code string) ([]RegionMonth, error) {
	now := s.Now()
	months := lastMonths(now, 12)
	first, last := months[0].Format("2006-01"), months[len(months)-1].Format("2006-01")
	key := code + "|" + last
	if m, ok := s.months.get(key, now); ok {
		return m, nil
	}
	var rows []struct {
		Month                                 string
		Activities, Expected, Present, People int
	}
	err := s.DB.Global(ctx).Table("group_months m").
		Select(`m.month, sum(m.activities) AS activities,
			sum(CASE WHEN m.people >= ? THEN m.expected ELSE 0 END) AS expected,
			sum(CASE WHEN m.people >= ? THEN m.present ELSE 0 END) AS present,
			sum(CASE WHEN m.people >= ? THEN m.people ELSE 0 END) AS people`, MinCell, MinCell, MinCell).
		Joins("JOIN tenants t ON t.id = m.tenant_id").
		Where("(t.region_code = ? OR t.region_code LIKE ?) AND m.month >= ? AND m.month <= ?", code, code+".%", first, last).
		Group("m.month").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("regions: region months: %w", err)
	}
	// An empty series first, so every one of the 12 months is listed; the
	// sums enter as one series: a month's people are 0 or at least MinCell.
	series := Months{}
	for _, r := range rows {
		series = append(series, Month{Month: r.Month, Activities: r.Activities, Expected: r.Expected, Present: r.Present, People: r.People})
	}
	out := regionMonths([]Months{lastTwelve(nil, now), series})
	s.months.put(key, now, out)
	return out, nil
}

// MonthsFor is how long a region's chart is served from memory.
const MonthsFor = time.Minute

// monthsCache keeps recent region charts; the zero value is ready.
type monthsCache struct {
	mu sync.Mutex
	m  map[string]cachedMonths
}

type cachedMonths struct {
	at     time.Time
	months []RegionMonth
}

func (c *monthsCache) get(key string, now time.Time) ([]RegionMonth, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[key]
	if !ok || now.Sub(e.at) >= MonthsFor || now.Before(e.at) {
		return nil, false
	}
	return e.months, true
}

func (c *monthsCache) put(key string, now time.Time, months []RegionMonth) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) > 10000 {
		c.m = map[string]cachedMonths{}
	}
	c.m[key] = cachedMonths{at: now, months: months}
}
