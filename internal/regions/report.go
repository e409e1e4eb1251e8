package regions

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/peduli/peduli/internal/platform/clock"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/tenancy"
)

// Report is a region's aggregate report for a period: one row per group and
// totals, every count of people published (suppressed below 5, rounded to
// 5) and every total summed from the cells shown. See Count for why.
type Report struct {
	Region      tenancy.Region `json:"region"`
	From        db.Date        `json:"from"`
	To          db.Date        `json:"to"`
	GeneratedAt time.Time      `json:"generated_at"`
	GeneratedBy string         `json:"generated_by"`
	Groups      []ReportRow    `json:"groups"`
	Totals      ReportRow      `json:"totals"`
}

// ReportRow is one group's figures, or the region's totals.
type ReportRow struct {
	Slug       string           `json:"slug,omitempty"`
	Name       string           `json:"name"`
	RegionCode string           `json:"region_code,omitempty"`
	People     PeopleCells      `json:"people"`
	Programs   []ProgramCell    `json:"programs"`
	Attendance AttendanceCells  `json:"attendance"`
	Outcomes   []OutcomeCell    `json:"outcomes"`
	Money      MoneyCells       `json:"money"`
	pooled     pooledAttendance `json:"-"`
	changes    map[string][]int64
}

// PeopleCells counts people served by category.
type PeopleCells struct {
	Served Count `json:"served"`
	PRSE   Count `json:"prse"`
	Other  Count `json:"other"`
}

// ProgramCell counts programs run from one template (key "" = own design).
type ProgramCell struct {
	Template string `json:"template"`
	Programs int    `json:"programs"`
}

// AttendanceCells are the period's activities and how well they were attended.
type AttendanceCells struct {
	Activities int     `json:"activities"`
	People     Count   `json:"people"`
	Rate       Measure `json:"rate"`
}

// OutcomeCell is the change of one indicator from each person's first to
// latest value in the period.
type OutcomeCell struct {
	Indicator    string  `json:"indicator"`
	People       Count   `json:"people"`
	MedianChange Measure `json:"median_change"`
}

// MoneyCells are the period's ledger totals in IDR minor units.
type MoneyCells struct {
	In        int64 `json:"in"`
	Out       int64 `json:"out"`
	Donations int64 `json:"donations"`
}

type pooledAttendance struct{ expected, present int }

// Period snaps from and to (YYYY-MM-DD, either may be empty) to whole
// months: the first day of from's month to the last day of to's. Whole
// months keep the set of answerable ranges small (see Count). The default
// is the last 12 months.
func Period(from, to string, now time.Time) (db.Date, db.Date, error) {
	v := &errs.ValidationError{}
	parse := func(field, s string, def time.Time) time.Time {
		if s == "" {
			return def
		}
		t, err := time.Parse(db.DateLayout, s)
		if err != nil {
			v.Add(field, "date", "must be a date in the form YYYY-MM-DD")
		}
		return t
	}
	months := lastMonths(now, 12)
	f := parse("from", from, months[0])
	t := parse("to", to, now)
	if err := v.Err(); err != nil {
		return "", "", err
	}
	f = time.Date(f.Year(), f.Month(), 1, 0, 0, 0, 0, time.UTC)
	t = time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, 1, -1)
	if t.Before(f) {
		return "", "", errs.Invalid("to", "gtefield", "must not be before from")
	}
	if t.Sub(f) > 5*366*24*time.Hour {
		return "", "", errs.Invalid("to", "range", "a report covers at most 5 years")
	}
	return clock.Today(f, clock.Zone), clock.Today(t, clock.Zone), nil
}

// Report builds the region report. Each group's row is read from the
// rollup (group_reports), which keeps every group's exact row for the
// standard periods; a group without a stored row for the period (a period
// the rollup does not keep, or a group not yet refreshed) has its row
// computed in its own scope (row-level security on). Rows are published
// before they are put side by side.
//
// In a region with more groups lacking a stored row than the service
// computes during a request, a period the rollup does not keep is not
// computed here: Report returns errBackground and the handler queues a
// ReportJob (see report_results.go).
func (s *Service) Report(ctx context.Context, region *tenancy.Region, from, to db.Date, by string) (*Report, error) {
	return s.report(ctx, region, from, to, by, s.liveLimit())
}

// report builds the report, computing at most limit groups' rows from
// their facts (no bound if limit < 0).
func (s *Service) report(ctx context.Context, region *tenancy.Region, from, to db.Date, by string, limit int) (*Report, error) {
	rep := &Report{Region: *region, From: from, To: to, GeneratedAt: s.Now(), GeneratedBy: by, Groups: []ReportRow{}}
	var missing []int
	var ids []string
	err := s.storedRows(ctx, region.Code, from, to, func(id string, row ReportRow, x *exactRow) {
		if x == nil {
			missing = append(missing, len(rep.Groups))
		} else {
			x.publish(&row)
		}
		ids = append(ids, id)
		rep.Groups = append(rep.Groups, row)
	})
	if err != nil {
		return nil, err
	}
	if limit >= 0 && len(missing) > limit {
		if !standard(from, to, s.Now()) {
			return nil, errBackground
		}
		// Only right after an upgrade or a mass import: the rollup job is
		// filling the rows.
		return nil, errs.Conflict("figures_not_ready", "the region's figures are being prepared; try again in a few minutes")
	}
	if err := s.computeRows(ctx, ids, missing, from, to, rep.Groups); err != nil {
		return nil, err
	}
	rep.Totals = totals(rep.Groups)
	return rep, nil
}

// storedRows reads every group at or below region code, in (name, slug)
// order, with its stored row for the period (nil when there is none): the
// groups in one query and the rows in another, so the database sorts only
// the groups' names, not the rows.
func (s *Service) storedRows(ctx context.Context, code string, from, to db.Date, each func(id string, row ReportRow, x *exactRow)) error {
	var groups []struct{ ID, Slug, Name, RegionCode string }
	err := s.DB.Global(ctx).Table("tenants").Select("id, slug, name, region_code").
		Where("region_code = ? OR region_code LIKE ?", code, code+".%").Order("name, slug").Scan(&groups).Error
	if err != nil {
		return fmt.Errorf("regions: report groups: %w", err)
	}
	rows, err := s.DB.Global(ctx).Raw(`SELECT r.tenant_id, r.figures FROM group_reports r JOIN tenants t ON t.id = r.tenant_id
		WHERE r.period_from = ? AND r.period_to = ? AND (t.region_code = ? OR t.region_code LIKE ?)`, from, to, code, code+".%").Rows()
	if err != nil {
		return fmt.Errorf("regions: stored report rows: %w", err)
	}
	defer rows.Close()
	stored := make(map[string]exactRow, len(groups))
	for rows.Next() {
		var id, body string
		if err := rows.Scan(&id, &body); err != nil {
			return fmt.Errorf("regions: stored report rows: %w", err)
		}
		x, err := decodeRow(body)
		if err != nil {
			return err
		}
		stored[id] = x
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("regions: stored report rows: %w", err)
	}
	for _, g := range groups {
		row := ReportRow{Slug: g.Slug, Name: g.Name, RegionCode: g.RegionCode}
		if x, ok := stored[g.ID]; ok {
			each(g.ID, row, &x)
		} else {
			each(g.ID, row, nil)
		}
	}
	return nil
}

// computeRows computes and publishes the rows at positions which (of
// groups ids) from each group's facts, a few groups at a time, each in its
// own short transaction in the group's scope.
func (s *Service) computeRows(ctx context.Context, ids []string, which []int, from, to db.Date, rows []ReportRow) error {
	end := db.CalendarDate(to.Time().AddDate(0, 0, 1))
	errs := make([]error, len(which))
	sem := make(chan struct{}, reportWorkers)
	var wg sync.WaitGroup
	for k, i := range which {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			errs[k] = s.DB.Scope(ids[i]).Read(ctx, func(t *db.Tenant) error {
				f, err := s.loadFacts(t, reportable)
				if err != nil {
					return err
				}
				reportRow(f, from, end).publish(&rows[i])
				return nil
			})
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// LiveGroups is how many groups a report computes at request time: in a
// region with more groups that lack a stored row, where it would hold
// connections for minutes, a period the rollup does not keep is computed
// by a background job (202, see report_results.go) and a standard one
// answers 409 figures_not_ready until the rollup job has stored the rows.
const LiveGroups = 200

// standard reports whether the rollup keeps the period from–to at now.
func standard(from, to db.Date, now time.Time) bool {
	for _, p := range standardPeriods(now) {
		if p[0] == from && p[1] == to {
			return true
		}
	}
	return false
}

// reportWorkers bounds how many groups are computed at once, leaving the
// pool's other connections to the requests being served.
const reportWorkers = 4

// totals adds up the rows from the cells shown only: suppressed counts add
// nothing, and rates and medians pool only groups whose own was shown.
func totals(rows []ReportRow) ReportRow {
	tot := ReportRow{Name: "Total"}
	var served, prse, other, attending []Count
	programs := map[string]int{}
	outcomePeople := map[string][]Count{}
	outcomeChanges := map[string][]int64{}
	var pooled pooledAttendance
	var peopleShown int
	for _, r := range rows {
		served, prse, other = append(served, r.People.Served), append(prse, r.People.PRSE), append(other, r.People.Other)
		attending = append(attending, r.Attendance.People)
		tot.Attendance.Activities += r.Attendance.Activities
		if r.Attendance.Rate.Known {
			pooled.expected += r.pooled.expected
			pooled.present += r.pooled.present
			peopleShown += r.Attendance.People.Value
		}
		for _, p := range r.Programs {
			programs[p.Template] += p.Programs
		}
		for _, o := range r.Outcomes {
			outcomePeople[o.Indicator] = append(outcomePeople[o.Indicator], o.People)
			if o.MedianChange.Known {
				outcomeChanges[o.Indicator] = append(outcomeChanges[o.Indicator], r.changes[o.Indicator]...)
			}
		}
		tot.Money.In += r.Money.In
		tot.Money.Out += r.Money.Out
		tot.Money.Donations += r.Money.Donations
	}
	tot.People = PeopleCells{Served: TotalOf(served...), PRSE: TotalOf(prse...), Other: TotalOf(other...)}
	tot.Attendance.People = TotalOf(attending...)
	if pooled.expected > 0 {
		tot.Attendance.Rate = MeasureOver(round2(float64(pooled.present)/float64(pooled.expected)), true, max(peopleShown, MinCell))
	}
	tot.Programs = programCells(programs)
	tot.Outcomes = []OutcomeCell{}
	for _, ind := range sortedKeys(outcomePeople) {
		cell := OutcomeCell{Indicator: ind, People: TotalOf(outcomePeople[ind]...)}
		if ch := outcomeChanges[ind]; len(ch) > 0 {
			cell.MedianChange = Measure{Value: roundSignificant(unitsOf(median(ch)), 2), Known: true}
		}
		tot.Outcomes = append(tot.Outcomes, cell)
	}
	return tot
}

func programCells(m map[string]int) []ProgramCell {
	out := []ProgramCell{}
	for _, k := range sortedKeys(m) {
		out = append(out, ProgramCell{Template: k, Programs: m[k]})
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// hundredths scales a value kept with d decimals (0–2) to hundredths of
// its unit, the one scale outcome changes are pooled in.
var hundredths = [3]int64{100, 10, 1}

// unitsOf turns hundredths of a unit back into units.
func unitsOf(h int64) float64 { return float64(h) / 100 }

func median(v []int64) int64 {
	c := slices.Clone(v)
	slices.Sort(c)
	return medianSorted(c)
}

// medianSorted is the median of v, already in ascending order.
func medianSorted(c []int64) int64 {
	if len(c)%2 == 1 {
		return c[len(c)/2]
	}
	return (c[len(c)/2-1] + c[len(c)/2]) / 2
}

func round2(f float64) float64 { return math.Round(f*100) / 100 }

func sortStrings(s []string) { sort.Strings(s) }
