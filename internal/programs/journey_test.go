package programs_test

import (
	"net/http"
	"strconv"
	"testing"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

// UMK 2026 of Kabupaten Kupang (it follows the provincial UMP), in IDR minor units.
const wageKupang2026 = 245589800

// TestSeasonJourney runs a weaving season: template → program → six members
// → an activity with attendance → outcomes over several months → progress
// with the graduation flag.
func TestSeasonJourney(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Rindu Sejahtera")
		base := "/api/v1/t/" + g.Slug
		facil := e.AddMember(g, access.Facilitator)

		// The catalog offers the weaving template with its N periods.
		tpl := findTemplate(t, e.Do(http.MethodGet, "/api/v1/program-templates", facil.Token, nil).Expect(http.StatusOK).Map(), "tenun-ikat")
		if tpl["kube"] != true || tpl["graduation_periods"].(float64) != 3 || len(tpl["indicators"].([]any)) != 3 {
			t.Fatalf("tenun-ikat template = %v", tpl)
		}

		prog := e.CreateProgram(g, g.OwnerToken, map[string]any{"template_key": "tenun-ikat", "starts_on": "2026-01-05"})
		pid := prog["id"].(string)
		if prog["name"] != "KUBE Tenun Ikat" || prog["template_version"].(float64) != 1 || prog["status"] != "active" ||
			prog["starts_on"] != "2026-01-05" || prog["kube"] != true {
			t.Fatalf("program = %v", prog)
		}

		// Six women, each her own household: a KUBE of 6 households, no warning
		// once the fifth has joined.
		var ids []string
		for i := 0; i < 6; i++ {
			ids = append(ids, e.CreateBeneficiary(g, facil.Token, map[string]any{"kk_number": testkit.KK()}))
			enr := e.Enroll(g, facil.Token, pid, ids[i])
			warned := len(enr["warnings"].([]any)) > 0
			if warned != (i < 4) || enr["households"].(float64) != float64(i+1) {
				t.Fatalf("enrollment %d = %v", i, enr)
			}
		}
		got := e.Do(http.MethodGet, base+"/programs/"+pid, facil.Token, nil).Expect(http.StatusOK).Map()
		if got["enrollment_count"].(float64) != 6 || len(got["warnings"].([]any)) != 0 {
			t.Fatalf("program after enrollments = %v", got)
		}
		members := e.Do(http.MethodGet, base+"/programs/"+pid+"/enrollments", facil.Token, nil).Expect(http.StatusOK).Map()["items"].([]any)
		if len(members) != 6 || members[0].(map[string]any)["name"] == "" {
			t.Fatalf("members = %v", members)
		}

		// A training with four of the six present, marked in one call.
		act := e.RecordActivity(g, facil.Token, pid, "pelatihan", "2026-01-12")
		att := e.Do(http.MethodPut, base+"/activities/"+act+"/attendance", facil.Token,
			map[string]any{"present": ids[:4]}).Expect(http.StatusOK).Map()
		if att["present_count"].(float64) != 4 || att["enrolled_count"].(float64) != 6 {
			t.Fatalf("attendance = %v", att)
		}
		// Marking again replaces the set.
		e.Do(http.MethodPut, base+"/activities/"+act+"/attendance", facil.Token,
			map[string]any{"present": []string{ids[0], ids[1], ids[4], ids[4]}}).Expect(http.StatusOK)
		rows := e.Do(http.MethodGet, base+"/activities/"+act+"/attendance", facil.Token, nil).Expect(http.StatusOK).Map()["items"].([]any)
		present := map[string]bool{}
		for _, r := range rows {
			m := r.(map[string]any)
			present[m["beneficiary_id"].(string)] = m["present"].(bool)
		}
		if len(rows) != 6 || !present[ids[0]] || !present[ids[4]] || present[ids[2]] {
			t.Fatalf("attendance rows = %v", rows)
		}
		acts := e.Do(http.MethodGet, base+"/programs/"+pid+"/activities", facil.Token, nil).Expect(http.StatusOK).Map()["items"].([]any)
		if len(acts) != 1 || acts[0].(map[string]any)["present_count"].(float64) != 3 {
			t.Fatalf("activities = %v", acts)
		}

		// Outcomes: a baseline and a follow-up of days worked, and three months
		// of income. ids[0] stays above the UMK for all three months; ids[1]
		// dips below it in the last; ids[2] has only two months.
		above, below := int64(wageKupang2026+100_000_00), int64(wageKupang2026-1)
		e.Logs.Forbid(strconv.FormatInt(above, 10), strconv.FormatInt(below, 10))
		for _, id := range ids[:3] {
			e.RecordOutcome(g, facil.Token, id, "days_worked", "2026-01", 8)
			e.RecordOutcome(g, facil.Token, id, "days_worked", "2026-02", 14)
		}
		for _, p := range []string{"2026-01", "2026-02", "2026-03"} {
			e.RecordOutcome(g, facil.Token, ids[0], "monthly_income", p, above)
		}
		e.RecordOutcome(g, facil.Token, ids[1], "monthly_income", "2026-01", above)
		e.RecordOutcome(g, facil.Token, ids[1], "monthly_income", "2026-02", above)
		e.RecordOutcome(g, facil.Token, ids[1], "monthly_income", "2026-03", below)
		e.RecordOutcome(g, facil.Token, ids[2], "monthly_income", "2026-02", above)
		e.RecordOutcome(g, facil.Token, ids[2], "monthly_income", "2026-03", above)

		ready := progress(t, e, base, facil.Token, ids[0])
		if ready.ready != true || ready.reason != "" || ready.wage != wageKupang2026 {
			t.Fatalf("ids[0] progress = %+v", ready)
		}
		if ready.daysFirst != 8 || ready.daysLatest != 14 || ready.daysChange != 6 || !ready.improved {
			t.Fatalf("days worked progress = %+v", ready)
		}
		if p := progress(t, e, base, facil.Token, ids[1]); p.ready || p.reason != "income_not_above_minimum_wage" {
			t.Fatalf("ids[1] progress = %+v", p)
		}
		if p := progress(t, e, base, facil.Token, ids[2]); p.ready || p.reason != "too_few_periods" {
			t.Fatalf("ids[2] progress = %+v", p)
		}
		// A correction by PUT turns ids[1]'s dip into a good month.
		e.Do(http.MethodPut, base+"/beneficiaries/"+ids[1]+"/outcomes", facil.Token,
			map[string]any{"indicator": "monthly_income", "period": "2026-03", "value": above}).Expect(http.StatusOK)
		if p := progress(t, e, base, facil.Token, ids[1]); !p.ready {
			t.Fatalf("ids[1] after correction = %+v", p)
		}
		// The program's page shows who is ready, by name.
		season := e.Do(http.MethodGet, base+"/programs/"+pid+"/progress", facil.Token, nil).Expect(http.StatusOK).Map()
		if season["ready_count"].(float64) != 2 || len(season["items"].([]any)) != 6 {
			t.Fatalf("program progress = %v", season)
		}
		// Her measurements are listed for roles that read personal data only.
		list := e.Do(http.MethodGet, base+"/beneficiaries/"+ids[0]+"/outcomes", facil.Token, nil).Expect(http.StatusOK).Map()["items"].([]any)
		if len(list) != 5 {
			t.Fatalf("outcomes of ids[0] = %v", list)
		}
		viewer := e.AddMember(g, access.Viewer)
		e.Do(http.MethodGet, base+"/beneficiaries/"+ids[0]+"/outcomes", viewer.Token, nil).ExpectProblem(http.StatusForbidden, "forbidden")
		e.Do(http.MethodGet, base+"/beneficiaries/"+ids[0]+"/progress", viewer.Token, nil).ExpectProblem(http.StatusForbidden, "forbidden")
		e.Do(http.MethodGet, base+"/programs/"+pid+"/enrollments", viewer.Token, nil).ExpectProblem(http.StatusForbidden, "forbidden")
		e.Do(http.MethodGet, base+"/programs/"+pid+"/progress", viewer.Token, nil).ExpectProblem(http.StatusForbidden, "forbidden")
		if n := e.Do(http.MethodGet, base+"/programs/"+pid, viewer.Token, nil).Expect(http.StatusOK).Map()["enrollment_count"]; n.(float64) != 6 {
			t.Fatalf("viewer sees enrollment_count %v", n)
		}
		// A second POST for the same period is a conflict.
		e.Do(http.MethodPost, base+"/beneficiaries/"+ids[0]+"/outcomes", facil.Token,
			map[string]any{"indicator": "monthly_income", "period": "2026-03", "value": 1}).ExpectProblem(http.StatusConflict, "outcome_exists")
	})
}

type progressSummary struct {
	ready                             bool
	reason                            string
	wage                              float64
	daysFirst, daysLatest, daysChange float64
	improved                          bool
}

func progress(t *testing.T, e *testkit.Env, base, token, id string) progressSummary {
	t.Helper()
	m := e.Do(http.MethodGet, base+"/beneficiaries/"+id+"/progress", token, nil).Expect(http.StatusOK).Map()
	progs := m["programs"].([]any)
	if len(progs) != 1 {
		t.Fatalf("progress programs = %v", progs)
	}
	p := progs[0].(map[string]any)
	g := p["graduation"].(map[string]any)
	out := progressSummary{ready: g["ready"].(bool), wage: g["minimum_wage"].(float64)}
	if m["graduation_ready"] != out.ready {
		t.Fatalf("graduation_ready %v disagrees with the program's %v", m["graduation_ready"], out.ready)
	}
	out.reason, _ = g["reason"].(string)
	for _, in := range p["indicators"].([]any) {
		ind := in.(map[string]any)
		if ind["key"] == "days_worked" && ind["first"] != nil {
			out.daysFirst = ind["first"].(map[string]any)["value"].(float64)
			out.daysLatest = ind["latest"].(map[string]any)["value"].(float64)
			out.daysChange = ind["change"].(float64)
			out.improved = ind["improved"].(bool)
		}
	}
	return out
}

func findTemplate(t *testing.T, list map[string]any, key string) map[string]any {
	t.Helper()
	for _, it := range list["items"].([]any) {
		if m := it.(map[string]any); m["key"] == key {
			return m
		}
	}
	t.Fatalf("template %s not in %v", key, list)
	return nil
}
