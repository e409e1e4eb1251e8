package programs

import (
	"context"
	"sort"
	"time"

	"github.com/peduli/peduli/internal/platform/clock"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/registry"
)

// FiguresWindow is how far back the dashboard's activity figures look.
const FiguresWindow = 90 * 24 * time.Hour

// IncomeMonth is the income indicator across a group's members in a month.
type IncomeMonth struct {
	Period  string `json:"period"`  // YYYY-MM
	Members int    `json:"members"` // how many had income recorded
	Average int64  `json:"average"` // IDR minor units
	Median  int64  `json:"median"`
}

// DashboardFigures are a group's program figures for its dashboard. They
// are aggregates: no names, no one's own income.
type DashboardFigures struct {
	ActivePrograms int `json:"active_programs"`
	// Enrolled counts distinct people in active programs.
	Enrolled   int `json:"enrolled"`
	Activities int `json:"activities_90d"`
	// AttendanceRate is present ÷ (each activity's program members) over the
	// last 90 days, 0–1; nil when no activity was held.
	AttendanceRate *float64 `json:"attendance_rate_90d"`
	// IncomeTrend is the last 12 months of the income indicator, oldest first.
	IncomeTrend []IncomeMonth `json:"income_trend"`
}

// DashboardFigures computes the dashboard's program figures for a tenant:
// active programs, activities and attendance rate in the last 90 days and
// the monthly income trend.
func (s *Service) DashboardFigures(ctx context.Context, scope db.Scope) (*DashboardFigures, error) {
	now := s.Now()
	out := &DashboardFigures{IncomeTrend: []IncomeMonth{}}
	err := scope.Read(ctx, func(t *db.Tenant) error {
		progs, err := s.Store.Programs(t)
		if err != nil {
			return err
		}
		ms, err := s.Store.Memberships(t)
		if err != nil {
			return err
		}
		income := map[string]string{}
		for i := range progs {
			if progs[i].Status == StatusActive {
				out.ActivePrograms++
			}
			if in, ok := progs[i].IncomeIndicator(); ok {
				income[progs[i].ID] = in.Key
			}
		}
		if out.Enrolled, err = s.Store.EnrolledPeople(t); err != nil {
			return err
		}
		if err := s.attendanceRate(t, out, ms, clock.Today(now.Add(-FiguresWindow), clock.Zone)); err != nil {
			return err
		}
		local := now.In(clock.Zone)
		since := time.Date(local.Year(), local.Month()-11, 1, 0, 0, 0, 0, time.UTC).Format("2006-01")
		byPeriod, err := s.Store.IncomeSince(t, since, income, func(id string, v int64, sv string, version int) (int64, bool, error) {
			return OpenValue(t, s.Keys, id, v, sv, version)
		})
		if err != nil {
			return err
		}
		out.IncomeTrend = incomeTrend(byPeriod)
		return nil
	})
	return out, err
}

func (s *Service) attendanceRate(t *db.Tenant, out *DashboardFigures, ms map[string]membership, since db.Date) error {
	acts, err := s.Store.ActivitiesSince(t, since)
	if err != nil {
		return err
	}
	out.Activities = len(acts)
	expected, present := 0, 0
	for _, a := range acts {
		expected += ms[a.ProgramID].Members
		present += a.Present
	}
	if expected > 0 {
		rate := float64(present) / float64(expected)
		out.AttendanceRate = &rate
	}
	return nil
}

func incomeTrend(byPeriod map[string][]int64) []IncomeMonth {
	out := make([]IncomeMonth, 0, len(byPeriod))
	for period, vals := range byPeriod {
		sort.Slice(vals, func(i, j int) bool { return vals[i] < vals[j] })
		var sum int64
		for _, v := range vals {
			sum += v
		}
		median := vals[len(vals)/2]
		if len(vals)%2 == 0 {
			median = (vals[len(vals)/2-1] + vals[len(vals)/2]) / 2
		}
		out = append(out, IncomeMonth{Period: period, Members: len(vals), Average: sum / int64(len(vals)), Median: median})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Period < out[j].Period })
	return out
}

// activityCount is an activity's program and how many were present.
type activityCount struct {
	ProgramID string
	Present   int
}

// ActivitiesSince returns the activities held on or after since, with
// their attendance counts.
func (s *Store) ActivitiesSince(t *db.Tenant, since db.Date) ([]activityCount, error) {
	var out []activityCount
	err := t.DB().Table("program_activities AS a").
		Select("a.program_id, (SELECT COUNT(*) FROM activity_attendance x WHERE x.tenant_id = a.tenant_id AND x.activity_id = a.id) + a.erased_present AS present").
		Where("a.tenant_id = ? AND a.held_on >= ?", t.ID, since).Scan(&out).Error
	return out, err
}

// EnrolledPeople counts the distinct people in the tenant's active programs.
func (s *Store) EnrolledPeople(t *db.Tenant) (int, error) {
	var n int64
	err := t.DB().Table("program_enrollments AS e").
		Joins("JOIN programs p ON p.tenant_id = e.tenant_id AND p.id = e.program_id").
		Joins("JOIN (?) b ON b.tenant_id = e.tenant_id AND b.id = e.beneficiary_id", registry.ActiveRows(t)).
		Where("e.tenant_id = ? AND p.status = ? AND e.withdrawn_on IS NULL", t.ID, StatusActive).
		Distinct("e.beneficiary_id").Count(&n).Error
	return int(n), err
}

// IncomeSince returns the income values recorded from period on, by
// period. income maps a program id to its income indicator's key. Only two
// columns are read, row by row: a year of a large group is tens of
// thousands of rows, too many to load as whole records. open decrypts a
// row's value (see OpenValue); unreadable rows are left out.
func (s *Store) IncomeSince(t *db.Tenant, period string, income map[string]string,
	open func(id string, value int64, sealedValue string, version int) (int64, bool, error)) (map[string][]int64, error) {
	out := map[string][]int64{}
	if len(income) == 0 {
		return out, nil
	}
	ids, keys := make([]string, 0, len(income)), make([]string, 0, len(income))
	for id, key := range income {
		ids, keys = append(ids, id), append(keys, key)
	}
	rows, err := t.DB().Model(&Outcome{}).Select("id, program_id, indicator, period, value, value_sealed, key_version").
		Where("tenant_id = ? AND period >= ? AND program_id IN ? AND indicator IN ?", t.ID, period, ids, keys).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	// Values are opened after the cursor closes: opening may read a key,
	// and a transaction's connection runs one query at a time.
	var sealedRows []Outcome
	for rows.Next() {
		var o Outcome
		if err := rows.Scan(&o.ID, &o.ProgramID, &o.Indicator, &o.Period, &o.Value, &o.ValueSealed, &o.KeyVersion); err != nil {
			return nil, err
		}
		switch {
		case income[o.ProgramID] != o.Indicator:
		case o.ValueSealed == "":
			out[o.Period] = append(out[o.Period], o.Value)
		default:
			sealedRows = append(sealedRows, o)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	for _, o := range sealedRows {
		v, ok, err := open(o.ID, o.Value, o.ValueSealed, o.KeyVersion)
		if err != nil {
			return nil, err
		}
		if ok {
			out[o.Period] = append(out[o.Period], v)
		}
	}
	return out, nil
}
