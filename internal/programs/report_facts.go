package programs

import (
	"fmt"
	"sort"
	"time"

	"gorm.io/gorm"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/registry"
)

// ReportFacts are a group's programs as figures beyond the group count
// them: what ran when, who was on each activity's sheet, who came, and the
// indicators measured. They name people by id only, for the caller to keep
// those its population admits (reporting consent, not erased); no name or
// personal field is in them, and income values are opened here, inside the
// group's scope, for the caller to aggregate.
type ReportFacts struct {
	Programs   []ProgramFact
	Activities []db.Date
	// Sheet is, per activity day and person, how many activity sheets listed
	// her as it was saved (see onSheet); Present, per day, person and whether
	// she was on the sheet, how many times she was marked present.
	Sheet   []Attendee
	Present []Attendee
	// Outcomes are ordered by program, person, indicator and period.
	Outcomes []OutcomeFact
}

// ProgramFact is one program as figures see it.
type ProgramFact struct {
	ID                string
	Template          string // "" for a group's own design
	Status            string
	StartsOn          db.Date
	EndsOn            *db.Date
	IncomeKey         string // the income indicator's key, "" when none
	GraduationPeriods int
	// Decimals are the decimals each indicator's values carry (absent: 0);
	// see Indicator.
	Decimals map[string]int
}

// Attendee is N attendance facts of one person on one day.
type Attendee struct {
	HeldOn   db.Date
	Person   string
	OffSheet bool
	N        int
}

// OutcomeFact is one measurement, in clear.
type OutcomeFact struct {
	ProgramID, Person, Indicator, Period string
	Value                                int64
}

// onSheet reports whether enrolment e was on activity a's attendance sheet
// as it was saved: the sheet lists the program's members at that moment,
// whatever their enrolment date, so a member enrolled before the sheet was
// written (the activity recorded, or someone last marked present at
// lastMarked) is expected even if her enrolment date falls after the
// activity; one withdrawn before the activity's day is not.
func onSheet(e *Enrollment, a *Activity, lastMarked time.Time) bool {
	written := e.EnrolledOn <= a.HeldOn || !e.CreatedAt.After(a.CreatedAt) ||
		(!lastMarked.IsZero() && !lastMarked.Before(e.CreatedAt))
	return written && (e.WithdrawnOn == nil || *e.WithdrawnOn >= a.HeldOn)
}

// LoadReportFacts reads t's report facts, opening sealed income values with
// keys; a value whose key was destroyed is left out.
func LoadReportFacts(t *db.Tenant, keys *registry.Keyring) (*ReportFacts, error) {
	f := &ReportFacts{}
	var progs []Program
	if err := t.DB().Where("tenant_id = ?", t.ID).Order("id").Find(&progs).Error; err != nil {
		return nil, fmt.Errorf("programs: report facts: %w", err)
	}
	for i := range progs {
		p := &progs[i]
		pf := ProgramFact{ID: p.ID, Status: p.Status, StartsOn: p.StartsOn, EndsOn: p.EndsOn, GraduationPeriods: p.GraduationPeriods}
		if p.TemplateKey != nil {
			pf.Template = *p.TemplateKey
		}
		if in, ok := p.IncomeIndicator(); ok {
			pf.IncomeKey = in.Key
		}
		for _, in := range p.IndicatorList() {
			if in.Decimals > 0 {
				if pf.Decimals == nil {
					pf.Decimals = map[string]int{}
				}
				pf.Decimals[in.Key] = in.Decimals
			}
		}
		f.Programs = append(f.Programs, pf)
	}
	if err := attendanceFacts(t, f); err != nil {
		return nil, fmt.Errorf("programs: report facts: %w", err)
	}
	var rows []Outcome
	err := scanRows(t.DB().Table("outcomes").Select("id, program_id, beneficiary_id, indicator, period, value, value_sealed, key_version").
		Where("tenant_id = ?", t.ID).Order("program_id, beneficiary_id, indicator, period"), func(r scanner) error {
		rows = append(rows, Outcome{})
		o := &rows[len(rows)-1]
		return r.Scan(&o.ID, &o.ProgramID, &o.BeneficiaryID, &o.Indicator, &o.Period, &o.Value, &o.ValueSealed, &o.KeyVersion)
	})
	if err != nil {
		return nil, fmt.Errorf("programs: report facts: %w", err)
	}
	for _, r := range rows {
		v, ok, err := OpenValue(t, keys, r.ID, r.Value, r.ValueSealed, r.KeyVersion)
		if err != nil {
			return nil, fmt.Errorf("programs: report facts: %w", err)
		}
		if ok {
			f.Outcomes = append(f.Outcomes, OutcomeFact{ProgramID: r.ProgramID, Person: r.BeneficiaryID,
				Indicator: r.Indicator, Period: r.Period, Value: v})
		}
	}
	sort.SliceStable(f.Outcomes, func(i, j int) bool {
		a, b := f.Outcomes[i], f.Outcomes[j]
		if a.ProgramID != b.ProgramID {
			return a.ProgramID < b.ProgramID
		}
		if a.Person != b.Person {
			return a.Person < b.Person
		}
		if a.Indicator != b.Indicator {
			return a.Indicator < b.Indicator
		}
		return a.Period < b.Period
	})
	return f, nil
}

// attendanceFacts reads t's activities, enrolments and attendance, three
// plain scans, and works out who was on each sheet and who came: the rule
// is applied here rather than in a join, which at a group's size is a
// short loop instead of a correlated subquery per pair.
func attendanceFacts(t *db.Tenant, f *ReportFacts) error {
	var acts []Activity
	if err := scanRows(t.DB().Table("program_activities").Select("id, program_id, held_on, created_at").
		Where("tenant_id = ?", t.ID).Order("held_on, id"), func(r scanner) error {
		acts = append(acts, Activity{})
		a := &acts[len(acts)-1]
		return r.Scan(&a.ID, &a.ProgramID, &a.HeldOn, &a.CreatedAt)
	}); err != nil {
		return err
	}
	var enrolments []Enrollment
	if err := scanRows(t.DB().Table("program_enrollments").Select("id, program_id, beneficiary_id, enrolled_on, withdrawn_on, created_at").
		Where("tenant_id = ?", t.ID), func(r scanner) error {
		enrolments = append(enrolments, Enrollment{})
		e := &enrolments[len(enrolments)-1]
		return r.Scan(&e.ID, &e.ProgramID, &e.BeneficiaryID, &e.EnrolledOn, &e.WithdrawnOn, &e.CreatedAt)
	}); err != nil {
		return err
	}
	var marks []Attendance
	if err := scanRows(t.DB().Table("activity_attendance").Select("activity_id, program_id, beneficiary_id, created_at").
		Where("tenant_id = ?", t.ID), func(r scanner) error {
		marks = append(marks, Attendance{})
		m := &marks[len(marks)-1]
		return r.Scan(&m.ActivityID, &m.ProgramID, &m.BeneficiaryID, &m.CreatedAt)
	}); err != nil {
		return err
	}
	lastMarked := map[string]time.Time{}
	for _, m := range marks {
		if m.CreatedAt.After(lastMarked[m.ActivityID]) {
			lastMarked[m.ActivityID] = m.CreatedAt
		}
	}
	byProgram := map[string][]*Enrollment{}
	byMember := map[[2]string][]*Enrollment{}
	for i := range enrolments {
		e := &enrolments[i]
		byProgram[e.ProgramID] = append(byProgram[e.ProgramID], e)
		k := [2]string{e.ProgramID, e.BeneficiaryID}
		byMember[k] = append(byMember[k], e)
	}
	type key struct {
		day    db.Date
		person string
		off    bool
	}
	sheet, present := map[key]int{}, map[key]int{}
	activity := make(map[string]*Activity, len(acts))
	for i := range acts {
		a := &acts[i]
		activity[a.ID] = a
		f.Activities = append(f.Activities, a.HeldOn)
		for _, e := range byProgram[a.ProgramID] {
			if onSheet(e, a, lastMarked[a.ID]) {
				sheet[key{a.HeldOn, e.BeneficiaryID, false}]++
			}
		}
	}
	for _, m := range marks {
		a := activity[m.ActivityID]
		if a == nil {
			continue
		}
		for _, e := range byMember[[2]string{m.ProgramID, m.BeneficiaryID}] {
			present[key{a.HeldOn, m.BeneficiaryID, !onSheet(e, a, lastMarked[a.ID])}]++
		}
	}
	for k, n := range sheet {
		f.Sheet = append(f.Sheet, Attendee{HeldOn: k.day, Person: k.person, N: n})
	}
	for k, n := range present {
		f.Present = append(f.Present, Attendee{HeldOn: k.day, Person: k.person, OffSheet: k.off, N: n})
	}
	return nil
}

// scanner is the row a scanRows callback reads.
type scanner interface{ Scan(dest ...any) error }

// scanRows runs query and hands each row to scan. The report facts read a
// group's every activity, attendance mark and outcome on each dashboard
// view; scanning their few columns straight into fields costs a fraction
// of GORM's reflective Find, which was most of the request's CPU.
func scanRows(query *gorm.DB, scan func(scanner) error) error {
	rows, err := query.Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
