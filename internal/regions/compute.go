package regions

import (
	"context"
	"encoding/json"
	"sort"
	"strconv"
	"time"

	"github.com/peduli/peduli/internal/platform/clock"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/registry"
	"github.com/peduli/peduli/internal/tenancy"
)

// population is the set of people figures count, as a table expression.
type population string

// reportable are those who consented to reporting and were not removed:
// every figure shown outside a group counts only them, so someone without
// that consent counts nowhere outside her group. team is everyone the group
// serves, for its own dashboard.
const (
	reportable population = "reportable_beneficiaries"
	team       population = "(SELECT tenant_id, id, eligible_prse, created_at FROM beneficiaries WHERE deleted_at IS NULL)"
)

// compute works out a group's figures at now over pop.
func (s *Service) compute(ctx context.Context, t *db.Tenant, now time.Time, pop population) (*Figures, moneyFigures, error) {
	tx := t.DB()
	f := &Figures{TenantID: t.ID, RefreshedAt: now}
	since := clock.Today(now.Add(-Window), clock.Zone)

	err := tx.Raw(`SELECT count(*), coalesce(sum(CASE WHEN eligible_prse THEN 1 ELSE 0 END), 0)
		FROM `+string(pop)+` b WHERE tenant_id = ?`, t.ID).Row().Scan(&f.PeopleServed, &f.PRSEServed)
	if err != nil {
		return nil, moneyFigures{}, err
	}
	if err := scalar(tx, &f.ActivePrograms, `SELECT count(*) FROM programs WHERE tenant_id = ? AND status = 'active'`, t.ID); err != nil {
		return nil, moneyFigures{}, err
	}
	if err := scalar(tx, &f.Activities90d, `SELECT count(*) FROM program_activities WHERE tenant_id = ? AND held_on >= ?`, t.ID, since); err != nil {
		return nil, moneyFigures{}, err
	}
	var last []db.Date
	if err := tx.Table("program_activities").Where("tenant_id = ?", t.ID).Order("held_on DESC").Limit(1).Pluck("held_on", &last).Error; err != nil {
		return nil, moneyFigures{}, err
	}
	if len(last) == 1 {
		f.LastActivityOn = &last[0]
	}
	att, err := attendance(t, pop, since, "")
	if err != nil {
		return nil, moneyFigures{}, err
	}
	f.AttendancePeople90d, f.AttendanceRate90d = att.people, att.rate()
	f.AttendancePresent90d, f.AttendanceExpected90d = att.present, att.expected
	inc, err := s.incomes(ctx, t, pop, "", "")
	if err != nil {
		return nil, moneyFigures{}, err
	}
	f.IncomeChangePeople, f.IncomeChangeMedian = inc.changePeople, inc.medianChange()
	f.GraduationReady = inc.ready
	m, err := money(t, "", "")
	if err != nil {
		return nil, moneyFigures{}, err
	}
	f.DonationsReceived = m.Donations
	ff, err := s.fundFigures(t, now, pop)
	if err != nil {
		return nil, moneyFigures{}, err
	}
	f.Savers, f.SavingsBalance, f.Loans, f.LoansOutstanding, f.PAR30Amount = ff.Savers, ff.SavingsBalance, ff.Loans, ff.LoansOutstanding, ff.PAR30Amount
	f.EnterprisesActive, f.ProfitChangePeople, f.ProfitChangeMedian = ff.EnterprisesActive, ff.ProfitChangePeople, ff.ProfitChangeMedian
	return f, m, nil
}

// attendanceFigures counts, over activities in a window, how many
// reportable enrolled people were expected and how many were present.
type attendanceFigures struct {
	expected, present, people int
}

func (a attendanceFigures) rate() *float64 {
	if a.expected == 0 {
		return nil
	}
	r := float64(a.present) / float64(a.expected)
	return &r
}

// onSheet holds when enrolment e was on activity a's attendance sheet as it
// was saved: the sheet lists the program's members at that moment, whatever
// their enrolment date, so a member enrolled before the sheet was written
// (the activity recorded, or someone marked present) is expected even if
// her enrolment date falls after the activity; one withdrawn before the
// activity's day is not.
const onSheet = `(e.enrolled_on <= a.held_on OR e.created_at <= a.created_at
		OR EXISTS (SELECT 1 FROM activity_attendance y
			WHERE y.tenant_id = a.tenant_id AND y.activity_id = a.id AND y.created_at >= e.created_at))
	AND (e.withdrawn_on IS NULL OR e.withdrawn_on >= a.held_on)`

// attendance counts, at the group's activities held on or after from (and
// before to, when set), who was expected — reportable people on the
// activity's sheet (see onSheet) — and who was present. Someone present
// though not on the sheet counts as expected too, so a rate never exceeds
// 1. An erased woman's attendance is only an anonymous count on the
// activity, so she is not expected either.
func attendance(t *db.Tenant, pop population, from db.Date, to db.Date) (attendanceFigures, error) {
	var a attendanceFigures
	tx := t.DB()
	upper, args := "", []any{t.ID, from}
	if to != "" {
		upper, args = " AND a.held_on < ?", append(args, to)
	}
	err := tx.Raw(`SELECT count(*), count(DISTINCT e.beneficiary_id)
		FROM program_activities a
		JOIN program_enrollments e ON e.tenant_id = a.tenant_id AND e.program_id = a.program_id
		JOIN `+string(pop)+` b ON b.tenant_id = e.tenant_id AND b.id = e.beneficiary_id
		WHERE a.tenant_id = ? AND a.held_on >= ?`+upper+` AND `+onSheet+`
			AND NOT EXISTS (SELECT 1 FROM beneficiaries z
				WHERE z.tenant_id = e.tenant_id AND z.id = e.beneficiary_id AND z.erased_at IS NOT NULL)`, args...).Row().Scan(&a.expected, &a.people)
	if err != nil {
		return a, err
	}
	var off, offPeople int
	err = tx.Raw(`SELECT count(*), coalesce(sum(CASE WHEN NOT (`+onSheet+`) THEN 1 ELSE 0 END), 0),
			count(DISTINCT CASE WHEN NOT (`+onSheet+`) THEN x.beneficiary_id END)
		FROM activity_attendance x
		JOIN program_activities a ON a.tenant_id = x.tenant_id AND a.id = x.activity_id
		JOIN program_enrollments e ON e.tenant_id = x.tenant_id AND e.program_id = x.program_id AND e.beneficiary_id = x.beneficiary_id
		JOIN `+string(pop)+` b ON b.tenant_id = x.tenant_id AND b.id = x.beneficiary_id
		WHERE x.tenant_id = ? AND a.held_on >= ?`+upper, args...).Row().Scan(&a.present, &off, &offPeople)
	a.expected += off
	// The union of the two sets is at least the larger one; counting fewer
	// people only suppresses more.
	a.people = max(a.people, offPeople)
	return a, err
}

// incomeFigures summarises the income indicator of the group's programs.
type incomeFigures struct {
	changes      []int64 // latest minus first value, per enrolment with two or more periods
	changePeople int
	ready        int
}

func (f incomeFigures) medianChange() *int64 {
	if len(f.changes) == 0 {
		return nil
	}
	c := append([]int64(nil), f.changes...)
	sort.Slice(c, func(i, j int) bool { return c[i] < c[j] })
	m := c[len(c)/2]
	if len(c)%2 == 0 {
		m = (c[len(c)/2-1] + c[len(c)/2]) / 2
	}
	return &m
}

type indicatorSpec struct {
	Key    string `json:"key"`
	Income bool   `json:"income"`
}

// incomes reads the income outcomes of reportable people (in periods from
// fromPeriod to toPeriod, YYYY-MM, when set) and works out each enrolment's
// change from its first value and whether she is ready to graduate.
func (s *Service) incomes(ctx context.Context, t *db.Tenant, pop population, fromPeriod, toPeriod string) (incomeFigures, error) {
	var out incomeFigures
	type program struct {
		ID                string
		Indicators        string
		GraduationPeriods int
	}
	var progs []program
	if err := t.DB().Table("programs").Select("id, indicators, graduation_periods").Where("tenant_id = ?", t.ID).Find(&progs).Error; err != nil {
		return out, err
	}
	incomeKey := map[string]string{}
	periods := map[string]int{}
	for _, p := range progs {
		var specs []indicatorSpec
		if json.Unmarshal([]byte(p.Indicators), &specs) != nil {
			continue
		}
		for _, sp := range specs {
			if sp.Income {
				incomeKey[p.ID], periods[p.ID] = sp.Key, p.GraduationPeriods
			}
		}
	}
	if len(incomeKey) == 0 {
		return out, nil
	}
	q := t.DB().Table("outcomes o").Select("o.id, o.program_id, o.beneficiary_id, o.indicator, o.period, o.value, o.value_sealed, o.key_version").
		Joins("JOIN "+string(pop)+" b ON b.tenant_id = o.tenant_id AND b.id = o.beneficiary_id").
		Where("o.tenant_id = ?", t.ID)
	if fromPeriod != "" {
		q = q.Where("o.period >= ? AND o.period <= ?", fromPeriod, toPeriod)
	}
	var rows []outcomeRow
	if err := q.Order("o.program_id, o.beneficiary_id, o.period").Find(&rows).Error; err != nil {
		return out, err
	}
	rows, err := s.openOutcomes(t, rows)
	if err != nil {
		return out, err
	}
	type key struct{ program, person string }
	series := map[key][]int64{}
	lastPeriod := map[key]string{}
	var order []key
	for _, r := range rows {
		if incomeKey[r.ProgramID] != r.Indicator {
			continue
		}
		k := key{r.ProgramID, r.BeneficiaryID}
		if _, ok := series[k]; !ok {
			order = append(order, k)
		}
		series[k] = append(series[k], r.Value)
		lastPeriod[k] = r.Period
	}
	changed, ready := map[string]bool{}, map[string]bool{}
	var codes []string
	if err := t.DB().Table("tenants").Where("id = ?", t.ID).Pluck("region_code", &codes).Error; err != nil || len(codes) != 1 {
		return out, err
	}
	code := codes[0]
	wages := map[int]int64{}
	for _, k := range order {
		v := series[k]
		if len(v) >= 2 {
			out.changes = append(out.changes, v[len(v)-1]-v[0])
			changed[k.person] = true
		}
		if periods[k.program] > 0 && len(v) >= periods[k.program] {
			year, _ := strconv.Atoi(firstN(lastPeriod[k], 4))
			wage, ok := wages[year]
			if !ok {
				var err error
				// Through this transaction: a second pool connection here
				// deadlocks once concurrent requests hold them all.
				if wage, err = tenancy.MinimumWageIn(t.DB(), code, year); err != nil {
					return out, err
				}
				wages[year] = wage
			}
			if registry.GraduationReady(v, wage, periods[k.program]) {
				ready[k.person] = true
			}
		}
	}
	out.changePeople, out.ready = len(changed), len(ready)
	return out, nil
}
