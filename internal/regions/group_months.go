package regions

import (
	"context"
	"sort"
	"time"

	"github.com/peduli/peduli/internal/platform/db"
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

// monthOf is the SQL for the YYYY-MM of a date or UTC timestamp column.
func monthOf(d db.Dialect, col string, timestamp bool) string {
	if d != db.Postgres {
		return "substr(" + col + ", 1, 7)"
	}
	if timestamp {
		return "to_char(" + col + " AT TIME ZONE 'UTC', 'YYYY-MM')"
	}
	return "to_char(" + col + ", 'YYYY-MM')"
}

// groupMonths computes every month of the group's activity, attendance of
// reportable people, registrations of reportable people and ledger, one
// grouped query each (not one per month).
func (s *Service) groupMonths(t *db.Tenant) (map[string]*GroupMonth, error) {
	out := map[string]*GroupMonth{}
	at := func(m string) *GroupMonth {
		g, ok := out[m]
		if !ok {
			g = &GroupMonth{TenantID: t.ID, Month: m}
			out[m] = g
		}
		return g
	}
	d := s.DB.Dialect
	rows, err := t.DB().Raw(`SELECT `+monthOf(d, "held_on", false)+`, count(*)
		FROM program_activities WHERE tenant_id = ? GROUP BY 1`, t.ID).Rows()
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var m string
		var n int
		if err := rows.Scan(&m, &n); err != nil {
			rows.Close()
			return nil, err
		}
		at(m).Activities = n
	}
	if err := closeRows(rows); err != nil {
		return nil, err
	}
	// Who was expected: reportable people on the activity's sheet as it was
	// saved (onSheet, as attendance counts them).
	rows, err = t.DB().Raw(`SELECT `+monthOf(d, "a.held_on", false)+`, count(*), count(DISTINCT e.beneficiary_id)
		FROM program_activities a
		JOIN program_enrollments e ON e.tenant_id = a.tenant_id AND e.program_id = a.program_id
		JOIN `+string(reportable)+` b ON b.tenant_id = e.tenant_id AND b.id = e.beneficiary_id
		WHERE a.tenant_id = ? AND `+onSheet+`
			AND NOT EXISTS (SELECT 1 FROM beneficiaries z
				WHERE z.tenant_id = e.tenant_id AND z.id = e.beneficiary_id AND z.erased_at IS NOT NULL)
		GROUP BY 1`, t.ID).Rows()
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var m string
		var exp, people int
		if err := rows.Scan(&m, &exp, &people); err != nil {
			rows.Close()
			return nil, err
		}
		g := at(m)
		g.Expected, g.People = exp, people
	}
	if err := closeRows(rows); err != nil {
		return nil, err
	}
	rows, err = t.DB().Raw(`SELECT `+monthOf(d, "a.held_on", false)+`, count(*),
			coalesce(sum(CASE WHEN NOT (`+onSheet+`) THEN 1 ELSE 0 END), 0),
			count(DISTINCT CASE WHEN NOT (`+onSheet+`) THEN x.beneficiary_id END)
		FROM activity_attendance x
		JOIN program_activities a ON a.tenant_id = x.tenant_id AND a.id = x.activity_id
		JOIN program_enrollments e ON e.tenant_id = x.tenant_id AND e.program_id = x.program_id AND e.beneficiary_id = x.beneficiary_id
		JOIN `+string(reportable)+` b ON b.tenant_id = x.tenant_id AND b.id = x.beneficiary_id
		WHERE x.tenant_id = ? GROUP BY 1`, t.ID).Rows()
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var m string
		var present, early, earlyPeople int
		if err := rows.Scan(&m, &present, &early, &earlyPeople); err != nil {
			rows.Close()
			return nil, err
		}
		g := at(m)
		// As attendance: someone present though not on the sheet counts as
		// expected too, and the people are at least those.
		g.Present, g.Expected, g.People = present, g.Expected+early, max(g.People, earlyPeople)
	}
	if err := closeRows(rows); err != nil {
		return nil, err
	}
	rows, err = t.DB().Raw(`SELECT `+monthOf(d, "created_at", true)+`, count(*),
			coalesce(sum(CASE WHEN eligible_prse THEN 1 ELSE 0 END), 0)
		FROM `+string(reportable)+` b WHERE tenant_id = ? GROUP BY 1`, t.ID).Rows()
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var m string
		var n, prse int
		if err := rows.Scan(&m, &n, &prse); err != nil {
			rows.Close()
			return nil, err
		}
		g := at(m)
		g.NewPeople, g.NewPRSE = n, prse
	}
	if err := closeRows(rows); err != nil {
		return nil, err
	}
	rows, err = t.DB().Raw(`SELECT `+monthOf(d, "occurred_on", false)+`,
			coalesce(sum(CASE WHEN kind = 'income' THEN amount ELSE 0 END), 0),
			coalesce(sum(CASE WHEN kind = 'expense' THEN amount ELSE 0 END), 0),
			coalesce(sum(CASE WHEN kind = 'income' AND donation_id IS NOT NULL THEN amount ELSE 0 END), 0)
		FROM ledger_entries WHERE tenant_id = ? GROUP BY 1`, t.ID).Rows()
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var m string
		var in, out, don int64
		if err := rows.Scan(&m, &in, &out, &don); err != nil {
			rows.Close()
			return nil, err
		}
		g := at(m)
		g.MoneyIn, g.MoneyOut, g.Donations = in, out, don
	}
	return out, closeRows(rows)
}

type rowsCloser interface {
	Err() error
	Close() error
}

func closeRows(r rowsCloser) error {
	if err := r.Err(); err != nil {
		r.Close()
		return err
	}
	return r.Close()
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
