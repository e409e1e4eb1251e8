package devseed

import (
	"fmt"
	"time"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/platform/clock"
	"github.com/peduli/peduli/internal/programs"
	"github.com/peduli/peduli/internal/registry"
)

// programs gives the group an enterprise program (with an income
// indicator) and, when the catalog has one, a savings group; members are
// women who consented to services; each program holds two activities a
// month with attendance and a monthly outcome sheet.
func (p *plan) programs(g *gen, gr group, key registry.Key, writers []audit.Actor, rs *rows) error {
	var eligible []int
	for i, b := range rs.people {
		if b.ConsentServices {
			eligible = append(eligible, i)
		}
	}
	tpls := []programs.Template{p.income[gr.n%len(p.income)]}
	if len(p.other) > 0 {
		tpls = append(tpls, p.other[gr.n%len(p.other)])
	}
	sizes := []int{25, 20}
	next := 0
	for k := range tpls {
		tpl := &tpls[k]
		actor := pick(g, writers)
		at := p.dayAt(0, 9)
		prog := programs.ProgramFromTemplate(gr.tenant.ID, g.id(at), tpl, clock.Today(p.start, clock.Zone), &actor.UserID, at)
		rs.programs = append(rs.programs, prog)
		rs.audit = append(rs.audit, audit.NewEvent(gr.tenant.ID, g.id(at), actor, audit.Create, "program", prog.ID, at,
			"name", "template", "starts_on"))
		var members []programs.Enrollment
		for m := 0; m < sizes[k] && next < len(eligible); m++ {
			b := rs.people[eligible[next]]
			next++
			on := b.CreatedAt.Add(24 * time.Hour)
			if on.Before(at) {
				on = at.Add(time.Hour)
			}
			e := programs.Enrollment{TenantID: gr.tenant.ID, ID: g.id(on), ProgramID: prog.ID, BeneficiaryID: b.ID,
				EnrolledOn: clock.Today(on, clock.Zone), CreatedBy: &actor.UserID, CreatedAt: on}
			members = append(members, e)
			rs.audit = append(rs.audit, audit.NewEvent(gr.tenant.ID, g.id(on), actor, audit.Create, "enrollment", e.ID, on,
				"program_id", "beneficiary_id"))
		}
		rs.enrollments = append(rs.enrollments, members...)
		p.activities(g, gr, &prog, members, writers, rs)
		p.outcomes(g, gr, &prog, key, members, writers, rs)
	}
	return nil
}

// activities holds two activities a month, each attended by about four in
// five members enrolled by then.
func (p *plan) activities(g *gen, gr group, prog *programs.Program, members []programs.Enrollment, writers []audit.Actor, rs *rows) {
	kinds := prog.ActivityKinds()
	for _, month := range p.months() {
		for _, d := range []int{6, 20} {
			held := month.AddDate(0, 0, d-1)
			if held.After(p.o.Until) || held.Before(p.start) {
				continue
			}
			kind := programs.KindOther
			if len(kinds) > 0 {
				kind = pick(g, kinds).Key
			}
			actor := pick(g, writers)
			at := held.Add(time.Duration(9+g.intn(6)) * time.Hour)
			a := programs.Activity{TenantID: gr.tenant.ID, ID: g.id(at), ProgramID: prog.ID,
				Title: fmt.Sprintf("Pertemuan %s", held.Format("2 Jan 2006")), Kind: kind, HeldOn: clock.Today(held, clock.Zone),
				CreatedBy: &actor.UserID, CreatedAt: at}
			rs.activities = append(rs.activities, a)
			rs.audit = append(rs.audit, audit.NewEvent(gr.tenant.ID, g.id(at), actor, audit.Create, "activity", a.ID, at,
				"title", "kind", "held_on"))
			marked := at.Add(2 * time.Hour)
			for _, m := range members {
				if string(m.EnrolledOn) <= string(a.HeldOn) && g.chance(0.8) {
					rs.attendance = append(rs.attendance, programs.Attendance{TenantID: gr.tenant.ID, ID: g.id(marked),
						ProgramID: prog.ID, ActivityID: a.ID, BeneficiaryID: m.BeneficiaryID, CreatedAt: marked})
				}
			}
			rs.audit = append(rs.audit, audit.NewEvent(gr.tenant.ID, g.id(marked), actor, audit.Update, "attendance", a.ID,
				marked, "present"))
		}
	}
}

// outcomes fills the monthly sheet: the income indicator (sealed) and the
// first other indicator (in clear) for every member enrolled that month.
func (p *plan) outcomes(g *gen, gr group, prog *programs.Program, key registry.Key, members []programs.Enrollment, writers []audit.Actor, rs *rows) {
	var clear *programs.Indicator
	income, hasIncome := prog.IncomeIndicator()
	for _, in := range prog.IndicatorList() {
		if !in.Income {
			clear = &in
			break
		}
	}
	base := make([]int64, len(members))
	for i := range base {
		base[i] = int64(300_000+g.intn(20)*50_000) * 100
	}
	for mi, month := range p.months() {
		period := month.Format("2006-01")
		at := month.AddDate(0, 1, -1).Add(17 * time.Hour)
		if at.After(p.o.Until) {
			at = p.o.Until.Add(17 * time.Hour)
		}
		actor := pick(g, writers)
		wrote := false
		for i, m := range members {
			if string(m.EnrolledOn)[:7] > period {
				continue
			}
			if hasIncome {
				o := programs.Outcome{TenantID: gr.tenant.ID, ID: g.id(at), ProgramID: prog.ID, BeneficiaryID: m.BeneficiaryID,
					Indicator: income.Key, Period: period, Value: base[i] + int64(mi*g.intn(40_000))*100,
					RecordedBy: &actor.UserID, CreatedAt: at, UpdatedAt: at}
				programs.SealIncome(key, &o)
				rs.outcomes = append(rs.outcomes, o)
				wrote = true
			}
			if clear != nil {
				rs.outcomes = append(rs.outcomes, programs.Outcome{TenantID: gr.tenant.ID, ID: g.id(at), ProgramID: prog.ID,
					BeneficiaryID: m.BeneficiaryID, Indicator: clear.Key, Period: period, Value: int64(1 + g.intn(30)),
					RecordedBy: &actor.UserID, CreatedAt: at, UpdatedAt: at})
				wrote = true
			}
		}
		if wrote {
			rs.audit = append(rs.audit, audit.NewEvent(gr.tenant.ID, g.id(at), actor, audit.Update, "program", prog.ID, at,
				"outcomes.indicator", "outcomes.period", "outcomes.value"))
		}
	}
}
