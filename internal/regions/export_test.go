package regions

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"gorm.io/gorm"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/funds"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/programs"
	"github.com/peduli/peduli/internal/tenancy"
)

// The functions below recompute figures straight from the raw tables, with
// SQL written independently of the facts the rollup reads, so tests can
// compare what the rollup stored and what reports show with the truth.

const sqlOnSheet = `(e.enrolled_on <= a.held_on OR e.created_at <= a.created_at
		OR EXISTS (SELECT 1 FROM activity_attendance y
			WHERE y.tenant_id = a.tenant_id AND y.activity_id = a.id AND y.created_at >= e.created_at))
	AND (e.withdrawn_on IS NULL OR e.withdrawn_on >= a.held_on)`

func scalar(tx *gorm.DB, dst any, query string, args ...any) error {
	return tx.Raw(query, args...).Row().Scan(dst)
}

// sqlAttendance is attendance over reportable people in [from, to).
func sqlAttendance(t *db.Tenant, from, to db.Date) (attendanceFigures, error) {
	var a attendanceFigures
	err := t.DB().Raw(`SELECT count(*), count(DISTINCT e.beneficiary_id)
		FROM program_activities a
		JOIN program_enrollments e ON e.tenant_id = a.tenant_id AND e.program_id = a.program_id
		JOIN reportable_beneficiaries b ON b.tenant_id = e.tenant_id AND b.id = e.beneficiary_id
		WHERE a.tenant_id = ? AND a.held_on >= ? AND a.held_on < ? AND `+sqlOnSheet+`
			AND NOT EXISTS (SELECT 1 FROM beneficiaries z
				WHERE z.tenant_id = e.tenant_id AND z.id = e.beneficiary_id AND z.erased_at IS NOT NULL)`,
		t.ID, from, to).Row().Scan(&a.expected, &a.people)
	if err != nil {
		return a, err
	}
	var off, offPeople int
	err = t.DB().Raw(`SELECT count(*), coalesce(sum(CASE WHEN NOT (`+sqlOnSheet+`) THEN 1 ELSE 0 END), 0),
			count(DISTINCT CASE WHEN NOT (`+sqlOnSheet+`) THEN x.beneficiary_id END)
		FROM activity_attendance x
		JOIN program_activities a ON a.tenant_id = x.tenant_id AND a.id = x.activity_id
		JOIN program_enrollments e ON e.tenant_id = x.tenant_id AND e.program_id = x.program_id AND e.beneficiary_id = x.beneficiary_id
		JOIN reportable_beneficiaries b ON b.tenant_id = x.tenant_id AND b.id = x.beneficiary_id
		WHERE x.tenant_id = ? AND a.held_on >= ? AND a.held_on < ?`, t.ID, from, to).Row().Scan(&a.present, &off, &offPeople)
	a.expected += off
	a.people = max(a.people, offPeople)
	return a, err
}

// RecomputeMonth works out one group's month from its raw data, for
// comparison with what the rollup stored.
func (s *Service) RecomputeMonth(ctx context.Context, tenantID, month string) (GroupMonth, error) {
	g := GroupMonth{TenantID: tenantID, Month: month}
	first, err := time.Parse("2006-01", month)
	if err != nil {
		return g, err
	}
	from, to := db.CalendarDate(first), db.CalendarDate(first.AddDate(0, 1, 0))
	err = s.DB.Scope(tenantID).Read(ctx, func(t *db.Tenant) error {
		if err := scalar(t.DB(), &g.Activities, `SELECT count(*) FROM program_activities
			WHERE tenant_id = ? AND held_on >= ? AND held_on < ?`, t.ID, from, to); err != nil {
			return err
		}
		att, err := sqlAttendance(t, from, to)
		if err != nil {
			return err
		}
		g.Expected, g.Present, g.People = att.expected, att.present, att.people
		if err := t.DB().Raw(`SELECT count(*), coalesce(sum(CASE WHEN eligible_prse THEN 1 ELSE 0 END), 0)
			FROM reportable_beneficiaries WHERE tenant_id = ? AND created_at >= ? AND created_at < ?`,
			t.ID, first, first.AddDate(0, 1, 0)).Row().Scan(&g.NewPeople, &g.NewPRSE); err != nil {
			return err
		}
		m, err := funds.CountedSums(t, string(from), string(to))
		g.MoneyIn, g.MoneyOut, g.Donations = m.Income, m.Expense, m.Donations
		return err
	})
	return g, err
}

// StoredMonths returns what the rollup keeps for the group, by month.
func (s *Service) StoredMonths(ctx context.Context, tenantID string) (map[string]GroupMonth, error) {
	var rows []GroupMonth
	err := s.DB.Global(ctx).Where("tenant_id = ?", tenantID).Find(&rows).Error
	out := map[string]GroupMonth{}
	for _, r := range rows {
		out[r.Month] = r
	}
	return out, err
}

// RecomputeReport builds the region report with every group's row computed
// from the raw tables, published and totalled as Report does.
func (s *Service) RecomputeReport(ctx context.Context, region *tenancy.Region, from, to db.Date) (*Report, error) {
	var groups []tenancy.Tenant
	err := s.DB.Global(ctx).Where("region_code = ? OR region_code LIKE ?", region.Code, region.Code+".%").
		Order("name, slug").Find(&groups).Error
	if err != nil {
		return nil, err
	}
	rep := &Report{Region: *region, From: from, To: to, Groups: []ReportRow{}}
	end := db.CalendarDate(to.Time().AddDate(0, 0, 1))
	for _, g := range groups {
		row := ReportRow{Slug: g.Slug, Name: g.Name, RegionCode: g.RegionCode}
		err := s.DB.Scope(g.ID).Read(ctx, func(t *db.Tenant) error {
			x, err := s.sqlReportRow(t, from, end)
			if err != nil {
				return err
			}
			x.publish(&row)
			return nil
		})
		if err != nil {
			return nil, err
		}
		rep.Groups = append(rep.Groups, row)
	}
	rep.Totals = totals(rep.Groups)
	return rep, nil
}

func (s *Service) sqlReportRow(t *db.Tenant, from, end db.Date) (exactRow, error) {
	x := exactRow{Programs: map[string]int{}, Outcomes: []exactOutcome{}}
	err := t.DB().Raw(`SELECT count(*), coalesce(sum(CASE WHEN eligible_prse THEN 1 ELSE 0 END), 0)
		FROM reportable_beneficiaries WHERE tenant_id = ? AND created_at < ?`, t.ID, end.Time()).Row().Scan(&x.Served, &x.PRSE)
	if err != nil {
		return x, err
	}
	var progs []struct {
		TemplateKey *string
		N           int
	}
	err = t.DB().Table("programs").Select("template_key, count(*) AS n").
		Where("tenant_id = ? AND starts_on < ? AND (ends_on IS NULL OR ends_on >= ?)", t.ID, end, from).
		Group("template_key").Find(&progs).Error
	if err != nil {
		return x, err
	}
	for _, p := range progs {
		key := ""
		if p.TemplateKey != nil {
			key = *p.TemplateKey
		}
		x.Programs[key] += p.N
	}
	if err := scalar(t.DB(), &x.Activities,
		`SELECT count(*) FROM program_activities WHERE tenant_id = ? AND held_on >= ? AND held_on < ?`, t.ID, from, end); err != nil {
		return x, err
	}
	att, err := sqlAttendance(t, from, end)
	if err != nil {
		return x, err
	}
	x.Expected, x.Present, x.Attending = att.expected, att.present, att.people
	var rows []programs.Outcome
	err = t.DB().Table("outcomes o").Select("o.*").
		Joins("JOIN reportable_beneficiaries b ON b.tenant_id = o.tenant_id AND b.id = o.beneficiary_id").
		Where("o.tenant_id = ? AND o.period >= ? AND o.period <= ?", t.ID, firstN(string(from), 7),
			firstN(end.Time().AddDate(0, 0, -1).Format(db.DateLayout), 7)).
		Order("o.indicator, o.program_id, o.beneficiary_id, o.period").Find(&rows).Error
	if err != nil {
		return x, err
	}
	type key struct{ ind, prog, person string }
	first, last, n := map[key]int64{}, map[key]int64{}, map[key]int{}
	var order []key
	for _, r := range rows {
		v, ok, err := programs.OpenValue(t, s.Keys, r.ID, r.Value, r.ValueSealed, r.KeyVersion)
		if err != nil {
			return x, err
		}
		if !ok {
			continue
		}
		k := key{r.Indicator, r.ProgramID, r.BeneficiaryID}
		if n[k] == 0 {
			first[k] = v
			order = append(order, k)
		}
		last[k] = v
		n[k]++
	}
	decimals, err := programs.IndicatorDecimals(t)
	if err != nil {
		return x, err
	}
	changes, people := map[string][]int64{}, map[string]int{}
	seen := map[[2]string]bool{}
	for _, k := range order {
		if n[k] < 2 {
			continue
		}
		changes[k.ind] = append(changes[k.ind], (last[k]-first[k])*hundredths[decimals[k.prog][k.ind]])
		if !seen[[2]string{k.ind, k.person}] {
			seen[[2]string{k.ind, k.person}] = true
			people[k.ind]++
		}
	}
	for _, ind := range sortedKeys(changes) {
		o := exactOutcome{Indicator: ind, People: people[ind]}
		if o.People >= MinCell {
			o.Changes = changes[ind]
		}
		x.Outcomes = append(x.Outcomes, o)
	}
	m, err := funds.CountedSums(t, string(from), string(end))
	x.MoneyIn, x.MoneyOut, x.Donations = m.Income, m.Expense, m.Donations
	return x, err
}

// ReportFigures is the report's groups and totals as JSON, without when
// and by whom it was made, for comparing two reports.
func ReportFigures(r *Report) (string, error) {
	if r == nil {
		return "", errors.New("no report")
	}
	b, err := json.Marshal(struct {
		Groups []ReportRow `json:"groups"`
		Totals ReportRow   `json:"totals"`
	}{r.Groups, r.Totals})
	return string(b), err
}

// RefreshParts times the parts of one group's refresh.
func (s *Service) RefreshParts(ctx context.Context, tenantID string) (facts, compute, change time.Duration, err error) {
	err = s.DB.Scope(tenantID).Read(ctx, func(t *db.Tenant) error {
		start := time.Now()
		if _, err := audit.LastChange(t); err != nil {
			return err
		}
		change = time.Since(start)
		start = time.Now()
		fx, err := s.loadFacts(t, reportable)
		if err != nil {
			return err
		}
		facts = time.Since(start)
		start = time.Now()
		if _, _, err := s.compute(t, fx, s.Now(), reportable); err != nil {
			return err
		}
		groupMonths(t.ID, fx)
		_, err = reportRows(t.ID, fx, s.Now())
		compute = time.Since(start)
		return err
	})
	return
}
