package regions

import (
	"strconv"
	"time"

	"github.com/peduli/peduli/internal/platform/clock"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/programs"
	"github.com/peduli/peduli/internal/registry"
	"github.com/peduli/peduli/internal/tenancy"
)

// compute works out a group's figures at now from its facts.
func (s *Service) compute(t *db.Tenant, f *facts, now time.Time, pop population) (*Figures, moneyFigures, error) {
	out := &Figures{TenantID: t.ID, RefreshedAt: now}
	since := clock.Today(now.Add(-Window), clock.Zone)
	out.PeopleServed, out.PRSEServed = f.served(time.Time{})
	for _, p := range f.programs {
		if p.Status == programs.StatusActive {
			out.ActivePrograms++
		}
	}
	out.Activities90d = f.activityCount(since, "")
	if n := len(f.activities); n > 0 {
		last := f.activities[n-1]
		out.LastActivityOn = &last
	}
	att := f.attendance(since, "")
	out.AttendancePeople90d, out.AttendanceRate90d = att.people, att.rate()
	out.AttendancePresent90d, out.AttendanceExpected90d = att.present, att.expected
	inc, err := s.incomes(t, f)
	if err != nil {
		return nil, moneyFigures{}, err
	}
	out.IncomeChangePeople, out.IncomeChangeMedian = inc.changePeople, inc.medianChange()
	out.GraduationReady = inc.ready
	m := f.money("", "")
	out.DonationsReceived = m.Donations
	ff, err := s.fundFigures(t, f, now, pop)
	if err != nil {
		return nil, moneyFigures{}, err
	}
	out.Savers, out.SavingsBalance, out.Loans, out.LoansOutstanding, out.PAR30Amount = ff.Savers, ff.SavingsBalance, ff.Loans, ff.LoansOutstanding, ff.PAR30Amount
	out.EnterprisesActive, out.ProfitChangePeople, out.ProfitChangeMedian = ff.EnterprisesActive, ff.ProfitChangePeople, ff.ProfitChangeMedian
	return out, m, nil
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
	m := median(f.changes)
	return &m
}

// incomes works out, from the income outcomes of the population, each
// enrolment's change from its first value and whether she is ready to
// graduate.
func (s *Service) incomes(t *db.Tenant, f *facts) (incomeFigures, error) {
	var out incomeFigures
	incomeKey, periods := map[string]string{}, map[string]int{}
	for _, p := range f.programs {
		if p.IncomeKey != "" {
			incomeKey[p.ID], periods[p.ID] = p.IncomeKey, p.GraduationPeriods
		}
	}
	if len(incomeKey) == 0 {
		return out, nil
	}
	type key struct{ program, person string }
	series := map[key][]int64{}
	lastPeriod := map[key]string{}
	var order []key
	for _, r := range f.outcomes {
		if incomeKey[r.ProgramID] != r.Indicator {
			continue
		}
		k := key{r.ProgramID, r.Person}
		if _, ok := series[k]; !ok {
			order = append(order, k)
		}
		series[k] = append(series[k], r.Value)
		lastPeriod[k] = r.Period
	}
	if len(order) == 0 {
		return out, nil
	}
	code, err := tenancy.RegionCodeIn(t.DB(), t.ID)
	if err != nil {
		return out, err
	}
	changed, ready := map[string]bool{}, map[string]bool{}
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
