package programs

import (
	"fmt"
	"sort"

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
	Activities []Date
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
	StartsOn          Date
	EndsOn            *Date
	IncomeKey         string // the income indicator's key, "" when none
	GraduationPeriods int
}

// Attendee is N attendance facts of one person on one day.
type Attendee struct {
	HeldOn   Date
	Person   string
	OffSheet bool
	N        int
}

// OutcomeFact is one measurement, in clear.
type OutcomeFact struct {
	ProgramID, Person, Indicator, Period string
	Value                                int64
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
		f.Programs = append(f.Programs, pf)
	}
	if err := t.DB().Table("program_activities").Where("tenant_id = ?", t.ID).Order("held_on").
		Pluck("held_on", &f.Activities).Error; err != nil {
		return nil, fmt.Errorf("programs: report facts: %w", err)
	}
	err := t.DB().Raw(`SELECT a.held_on, e.beneficiary_id AS person, count(*) AS n
		FROM program_activities a
		JOIN program_enrollments e ON e.tenant_id = a.tenant_id AND e.program_id = a.program_id
		WHERE a.tenant_id = ? AND `+onSheet+`
		GROUP BY a.held_on, e.beneficiary_id`, t.ID).Scan(&f.Sheet).Error
	if err != nil {
		return nil, fmt.Errorf("programs: report facts: %w", err)
	}
	err = t.DB().Raw(`SELECT a.held_on, x.beneficiary_id AS person,
			CASE WHEN `+onSheet+` THEN 0 ELSE 1 END AS off_sheet, count(*) AS n
		FROM activity_attendance x
		JOIN program_activities a ON a.tenant_id = x.tenant_id AND a.id = x.activity_id
		JOIN program_enrollments e ON e.tenant_id = x.tenant_id AND e.program_id = x.program_id AND e.beneficiary_id = x.beneficiary_id
		WHERE x.tenant_id = ?
		GROUP BY 1, 2, 3`, t.ID).Scan(&f.Present).Error
	if err != nil {
		return nil, fmt.Errorf("programs: report facts: %w", err)
	}
	var rows []Outcome
	if err := t.DB().Where("tenant_id = ?", t.ID).Order("program_id, beneficiary_id, indicator, period").
		Find(&rows).Error; err != nil {
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
