package regions

import (
	"fmt"
	"time"

	"github.com/peduli/peduli/internal/funds"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/programs"
	"github.com/peduli/peduli/internal/registry"
)

// population is the set of people figures count.
type population int

// reportable are those who consented to reporting and were not removed:
// every figure shown outside a group counts only them, so someone without
// that consent counts nowhere outside her group. team is everyone the group
// serves, for its own dashboard.
const (
	reportable population = iota
	team
)

// facts are everything a group's figures are computed from, read once per
// refresh from the features that own them (registry, programs, funds) in
// the group's own scope, and already narrowed to the population: every
// figure of every period is then worked out in memory. They hold ids but no
// personal field, and never leave the refresh.
type facts struct {
	people     []registry.Counted
	in         map[string]registry.Counted
	programs   []programs.ProgramFact
	activities []db.Date // ascending
	sheet      []programs.Attendee
	present    []programs.Attendee
	outcomes   []programs.OutcomeFact // program, person, indicator, period order
	ledger     []funds.DaySums        // ascending
}

// loadFacts reads t's facts over pop.
func (s *Service) loadFacts(t *db.Tenant, pop population) (*facts, error) {
	f := &facts{}
	var err error
	if pop == reportable {
		f.people, err = registry.Reportable(t)
	} else {
		f.people, err = registry.Served(t)
	}
	if err != nil {
		return nil, err
	}
	f.in = make(map[string]registry.Counted, len(f.people))
	for _, p := range f.people {
		f.in[p.ID] = p
	}
	pf, err := programs.LoadReportFacts(t, s.Keys)
	if err != nil {
		return nil, err
	}
	f.programs, f.activities = pf.Programs, pf.Activities
	// Expected: people of the population on the sheet, unless erased (her
	// attendance is then only an anonymous count on the activity).
	for _, a := range pf.Sheet {
		if p, ok := f.in[a.Person]; ok && !p.Erased {
			f.sheet = append(f.sheet, a)
		}
	}
	for _, a := range pf.Present {
		if _, ok := f.in[a.Person]; ok {
			f.present = append(f.present, a)
		}
	}
	for _, o := range pf.Outcomes {
		if _, ok := f.in[o.Person]; ok {
			f.outcomes = append(f.outcomes, o)
		}
	}
	if f.ledger, err = funds.CountedSumsByDay(t); err != nil {
		return nil, fmt.Errorf("regions: %w", err)
	}
	return f, nil
}

// between reports whether day d lies in [from, to); an empty bound is open.
func between(d, from, to db.Date) bool {
	return (from == "" || d >= from) && (to == "" || d < to)
}

// served counts the population registered before end (all when zero) and
// the PRSE-eligible among them.
func (f *facts) served(end time.Time) (n, prse int) {
	for _, p := range f.people {
		if end.IsZero() || p.CreatedAt.Before(end) {
			n++
			if p.EligiblePRSE {
				prse++
			}
		}
	}
	return n, prse
}

// activityCount counts activities held in [from, to).
func (f *facts) activityCount(from, to db.Date) int {
	n := 0
	for _, d := range f.activities {
		if between(d, from, to) {
			n++
		}
	}
	return n
}

// attendanceFigures counts, over activities in a window, how many
// enrolled people of the population were expected and how many present.
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

// attendance counts, at the group's activities held in [from, to), who was
// expected — people on the activity's sheet — and who was present. Someone
// present though not on the sheet counts as expected too, so a rate never
// exceeds 1.
func (f *facts) attendance(from, to db.Date) attendanceFigures {
	var a attendanceFigures
	expected, off := map[string]bool{}, map[string]bool{}
	for _, x := range f.sheet {
		if between(x.HeldOn, from, to) {
			a.expected += x.N
			expected[x.Person] = true
		}
	}
	for _, x := range f.present {
		if !between(x.HeldOn, from, to) {
			continue
		}
		a.present += x.N
		if x.OffSheet {
			a.expected += x.N
			off[x.Person] = true
		}
	}
	// The union of the two sets is at least the larger one; counting fewer
	// people only suppresses more.
	a.people = max(len(expected), len(off))
	return a
}

// moneyFigures are a group's ledger totals in IDR minor units.
type moneyFigures struct {
	In, Out, Donations int64
}

// money sums what the ledger counts on days in [from, to). The ledger
// belongs to funds, which applies its own counting rules, so these figures
// never differ from the group's own totals.
func (f *facts) money(from, to db.Date) moneyFigures {
	var m moneyFigures
	for _, d := range f.ledger {
		if between(db.Date(d.Day), from, to) {
			m.In, m.Out, m.Donations = m.In+d.Income, m.Out+d.Expense, m.Donations+d.Donations
		}
	}
	return m
}

// ids is the population's ids as a set.
func (f *facts) ids() map[string]bool {
	out := make(map[string]bool, len(f.people))
	for _, p := range f.people {
		out[p.ID] = true
	}
	return out
}
