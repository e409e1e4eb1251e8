package regions

import (
	"slices"
	"time"

	"github.com/peduli/peduli/internal/platform/clock"
	"github.com/peduli/peduli/internal/platform/db"
)

// exactRow is one group's report row for one period before publication:
// exact counts, sums and, for each indicator whose median is shown, the
// changes it is the median of (the totals pool them). It holds no id, name
// or field of a person. The rollup stores it in group_reports (encode).
type exactRow struct {
	Served     int
	PRSE       int
	Programs   map[string]int
	Activities int
	Expected   int
	Present    int
	Attending  int
	Outcomes   []exactOutcome
	MoneyIn    int64
	MoneyOut   int64
	Donations  int64
}

// exactOutcome is one indicator's change over the period: how many people
// it covers and, only when they are enough for the median to be shown
// (MinCell), each enrolment's change, sorted, with nothing to say whose.
type exactOutcome struct {
	Indicator string
	People    int
	Changes   []int64
}

// reportRow works out the group's exact row for the days from (inclusive)
// to end (exclusive) from its facts over the reportable population.
func reportRow(f *facts, from, end db.Date) exactRow {
	x := exactRow{Programs: map[string]int{}, Outcomes: []exactOutcome{}}
	x.Served, x.PRSE = f.served(end.Time())
	for _, p := range f.programs {
		if p.StartsOn < end && (p.EndsOn == nil || *p.EndsOn >= from) {
			x.Programs[p.Template]++
		}
	}
	x.Activities = f.activityCount(from, end)
	att := f.attendance(from, end)
	x.Expected, x.Present, x.Attending = att.expected, att.present, att.people
	changes, people := f.outcomeChanges(firstN(string(from), 7), firstN(end.Time().AddDate(0, 0, -1).Format(db.DateLayout), 7))
	for _, ind := range sortedKeys(changes) {
		o := exactOutcome{Indicator: ind, People: people[ind]}
		if o.People >= MinCell {
			o.Changes = changes[ind]
			slices.Sort(o.Changes)
		}
		x.Outcomes = append(x.Outcomes, o)
	}
	m := f.money(from, end)
	x.MoneyIn, x.MoneyOut, x.Donations = m.In, m.Out, m.Donations
	return x
}

// outcomeChanges returns, per indicator, each enrolment's change from its
// first to its latest value within the periods (YYYY-MM, inclusive), in
// hundredths of the indicator's unit (whatever decimals each program keeps
// its values in: see programs.Indicator), and how many distinct people
// those changes cover.
func (f *facts) outcomeChanges(fromPeriod, toPeriod string) (map[string][]int64, map[string]int) {
	type key struct{ ind, prog, person string }
	first, last, n := map[key]int64{}, map[key]int64{}, map[key]int{}
	var order []key
	for _, r := range f.outcomes {
		if r.Period < fromPeriod || r.Period > toPeriod {
			continue
		}
		k := key{r.Indicator, r.ProgramID, r.Person}
		if n[k] == 0 {
			first[k] = r.Value
			order = append(order, k)
		}
		last[k] = r.Value
		n[k]++
	}
	decimals := map[string]map[string]int{}
	for _, p := range f.programs {
		decimals[p.ID] = p.Decimals
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
	return changes, people
}

// publish fills row with the published form of x, as coordinators see it.
func (x exactRow) publish(row *ReportRow) {
	row.People = PeopleCells{Served: Publish(x.Served), PRSE: Publish(x.PRSE), Other: Publish(x.Served - x.PRSE)}
	row.Programs = programCells(x.Programs)
	row.Attendance = AttendanceCells{Activities: x.Activities, People: Publish(x.Attending)}
	if x.Expected > 0 {
		row.Attendance.Rate = MeasureOver(round2(float64(x.Present)/float64(x.Expected)), true, x.Attending)
		row.pooled = pooledAttendance{expected: x.Expected, present: x.Present}
	}
	row.Outcomes, row.changes = []OutcomeCell{}, map[string][]int64{}
	for _, o := range x.Outcomes {
		cell := OutcomeCell{Indicator: o.Indicator, People: Publish(o.People)}
		if o.People >= MinCell && len(o.Changes) > 0 {
			// Stored sorted (reportRow).
			cell.MedianChange = MeasureOver(roundSignificant(unitsOf(medianSorted(o.Changes)), 2), true, o.People)
			row.changes[o.Indicator] = o.Changes
		} else {
			cell.MedianChange = MeasureOver(0, true, o.People)
		}
		row.Outcomes = append(row.Outcomes, cell)
	}
	row.Money = MoneyCells{In: x.MoneyIn, Out: x.MoneyOut, Donations: x.Donations}
}

// standardPeriods are the periods the rollup keeps every group's row for:
// the default last 12 months ending with now's month and with the next,
// each month up to the next, and each quarter and year from last year's to
// the next month's, so that the periods of a new month are stored before
// it begins.
func standardPeriods(now time.Time) [][2]db.Date {
	var out [][2]db.Date
	seen := map[[2]db.Date]bool{}
	add := func(from, to time.Time) {
		p := [2]db.Date{db.CalendarDate(from), db.CalendarDate(to.AddDate(0, 0, -1))}
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	now = now.In(clock.Zone)
	first := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
	add(first.AddDate(0, -11, 0), first.AddDate(0, 1, 0))
	add(first.AddDate(0, -10, 0), first.AddDate(0, 2, 0))
	next := first.AddDate(0, 1, 0)
	for y := now.Year() - 1; y <= next.Year(); y++ {
		jan := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
		add(jan, jan.AddDate(1, 0, 0))
		for q := 0; q < 4; q++ {
			if start := jan.AddDate(0, 3*q, 0); !start.After(next) {
				add(start, start.AddDate(0, 3, 0))
			}
		}
		for m := 0; m < 12; m++ {
			if start := jan.AddDate(0, m, 0); !start.After(next) {
				add(start, start.AddDate(0, 1, 0))
			}
		}
	}
	return out
}
