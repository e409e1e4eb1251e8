package groupfund_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/testkit"
)

// meetingGroup is a group with a weaving programme of n members, a Rp
// 10.000.000 savings float and a loan to members 0 and 1.
type meetingGroup struct {
	g       *testkit.Group
	team    map[access.Role]*testkit.Member
	program string
	members []string
	loans   []string
}

func newMeetingGroup(e *testkit.Env, n int) *meetingGroup {
	m := &meetingGroup{g: e.SignupGroup("Rindu Rapat")}
	m.team = e.Team(m.g)
	ws := "/api/v1/t/" + m.g.Slug
	m.program = testkit.Str(e.CreateProgram(m.g, m.g.OwnerToken, map[string]any{"template_key": "tenun-ikat", "starts_on": "2026-01-05"}), "id")
	for range n {
		b := e.CreateBeneficiary(m.g, m.g.OwnerToken, nil)
		e.Enroll(m.g, m.g.OwnerToken, m.program, b)
		m.members = append(m.members, b)
	}
	e.Do(http.MethodPost, ws+"/savings/deposits", m.g.OwnerToken, map[string]any{"beneficiary_id": m.members[n-1], "kind": "pokok",
		"amount": 1_000_000_000, "paid_on": "2026-01-05"}).Expect(http.StatusCreated)
	for _, b := range m.members[:2] {
		l := e.Do(http.MethodPost, ws+"/loans", m.g.OwnerToken, map[string]any{"beneficiary_id": b, "principal": 100_000_000,
			"fee_percent_per_month": 2, "term_months": 5, "method": "flat", "disbursed_on": "2026-01-05"}).Expect(http.StatusCreated).Map()
		m.loans = append(m.loans, l["id"].(string))
	}
	return m
}

// sheet builds a meeting of every member: present unless i%4 == 3, a
// wajib deposit of Rp 10.000 each, sukarela for even lines, the first
// installment of both loans (Rp 22.000) and Rp 20.000 of arisan each.
func (m *meetingGroup) sheet(day string) map[string]any {
	lines := make([]any, len(m.members))
	for i, b := range m.members {
		deps := []any{map[string]any{"kind": "wajib", "amount": 1_000_000}}
		if i%2 == 0 {
			deps = append(deps, map[string]any{"kind": "sukarela", "amount": 500_000})
		}
		line := map[string]any{"beneficiary_id": b, "present": i%4 != 3, "deposits": deps, "arisan": 2_000_000}
		if i < 2 {
			line["repayments"] = []any{map[string]any{"loan_id": m.loans[i], "amount": 22_000_000}}
		}
		lines[i] = line
	}
	return map[string]any{"held_on": day, "program_id": m.program, "lines": lines}
}

func cashOf(e *testkit.Env, m *meetingGroup) float64 {
	tb := e.Do(http.MethodGet, "/api/v1/t/"+m.g.Slug+"/journal/trial-balance", m.g.OwnerToken, nil).Expect(http.StatusOK).Map()
	return tb["accounts"].([]any)[0].(map[string]any)["debit"].(float64)
}

// TestMeetingSheet: a treasurer saves a 20-member meeting in one POST:
// attendance, deposits, repayments and arisan, with receipts per member,
// and the journal's cash grows by exactly the sheet's total. Any bad line
// refuses the sheet, names the line, and saves nothing: among them an
// arisan amount from a member in no running round, or other than the
// round's contribution.
func TestMeetingSheet(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		m := newMeetingGroup(e, 20)
		ws := "/api/v1/t/" + m.g.Slug
		treas := m.team[access.Treasurer].Token
		// Members 0–18 are in the arisan round; member 19 is not.
		e.Do(http.MethodPost, ws+"/arisan-rounds", treas, map[string]any{"name": "Arisan Rapat", "contribution": 2_000_000,
			"starts_on": "2026-02-01", "draw": "agreement", "members": m.members[:19]}).Expect(http.StatusCreated)
		before := cashOf(e, m)

		// Refused sheets, each with one bad line; nothing of them stays.
		bad := func(mutate func(s map[string]any), field string) {
			t.Helper()
			s := m.sheet("2026-02-05")
			mutate(s)
			p := e.Do(http.MethodPost, ws+"/meetings", treas, s).ExpectProblem(http.StatusUnprocessableEntity, "validation_failed")
			found := false
			for _, f := range p["errors"].([]any) {
				found = found || f.(map[string]any)["field"] == field
			}
			if !found {
				t.Fatalf("errors %v do not name %s", p["errors"], field)
			}
		}
		line := func(s map[string]any, i int) map[string]any { return s["lines"].([]any)[i].(map[string]any) }
		bad(func(s map[string]any) {
			line(s, 7)["repayments"] = []any{map[string]any{"loan_id": m.loans[0], "amount": 1}}
		}, "lines[7].repayments[0].loan_id")
		bad(func(s map[string]any) { line(s, 1)["repayments"].([]any)[0].(map[string]any)["amount"] = 999_000_000 }, "lines[1].repayments[0].amount")
		bad(func(s map[string]any) { line(s, 12)["deposits"].([]any)[0].(map[string]any)["kind"] = "emas" }, "lines[12].deposits[0].kind")
		bad(func(s map[string]any) { line(s, 19)["arisan"] = -1 }, "lines[19].arisan")
		bad(func(s map[string]any) {}, "lines[19].arisan") // not in the round
		bad(func(s map[string]any) { line(s, 19)["arisan"] = 0; line(s, 6)["arisan"] = 1_500_000 }, "lines[6].arisan")
		stranger := e.CreateBeneficiary(m.g, m.g.OwnerToken, nil) // not in the programme
		bad(func(s map[string]any) { line(s, 15)["beneficiary_id"] = stranger }, "lines[15].beneficiary_id")
		bad(func(s map[string]any) { line(s, 4)["beneficiary_id"] = m.members[3] }, "lines[4].beneficiary_id")
		if got := cashOf(e, m); got != before {
			t.Fatalf("refused sheets moved cash: %v → %v", before, got)
		}

		sheet := func(day string) map[string]any {
			s := m.sheet(day)
			line(s, 19)["arisan"] = 0
			return s
		}
		// Before the round starts nobody is in a running round.
		bad(func(s map[string]any) { line(s, 19)["arisan"] = 0; s["held_on"] = "2026-01-31" }, "lines[0].arisan")
		res := e.Do(http.MethodPost, ws+"/meetings", treas, sheet("2026-02-05")).Expect(http.StatusCreated).Map()
		tot := res["totals"].(map[string]any)
		wantCash := float64(20*1_000_000 + 10*500_000 + 2*22_000_000 + 19*2_000_000)
		if res["present_count"].(float64) != 15 || tot["cash"].(float64) != wantCash || tot["repayments"].(float64) != 44_000_000 {
			t.Fatalf("meeting = %v", res)
		}
		first := res["lines"].([]any)[0].(map[string]any)
		// Receipts continue the series: no number was used by the refused sheets.
		if r := first["receipts"].([]any); len(r) != 4 || r[0] != "SP-2026-00002" || r[2] != "PJ-2026-00003" || r[3] != "AR-2026-00001" {
			t.Fatalf("first line receipts = %v", r)
		}
		if got := cashOf(e, m); got != before+wantCash {
			t.Fatalf("cash %v, want %v", got, before+wantCash)
		}
		act := e.Do(http.MethodGet, ws+"/activities/"+res["activity_id"].(string), treas, nil).Expect(http.StatusOK).Map()
		if act["present_count"].(float64) != 15 || act["kind"] != "pertemuan_kelompok" {
			t.Fatalf("activity = %v", act)
		}
		loan := e.Do(http.MethodGet, ws+"/loans/"+m.loans[0]+"?as_of=2026-02-05", treas, nil).Expect(http.StatusOK).Map()
		if loan["outstanding"].(float64) != 80_000_000 || loan["class"] != "lancar" {
			t.Fatalf("loan after the meeting = %v", loan)
		}
		sv := e.Do(http.MethodGet, ws+"/beneficiaries/"+m.members[2]+"/savings", treas, nil).Expect(http.StatusOK).Map()["balances"].(map[string]any)
		if sv["wajib"].(float64) != 1_000_000 || sv["sukarela"].(float64) != 500_000 {
			t.Fatalf("member 2 savings = %v", sv)
		}

		// Facilitators run meetings too; viewers may not.
		e.Do(http.MethodPost, ws+"/meetings", m.team[access.Facilitator].Token, sheet("2026-03-05")).Expect(http.StatusCreated)
		e.Do(http.MethodPost, ws+"/meetings", m.team[access.Viewer].Token, sheet("2026-04-05")).ExpectProblem(http.StatusForbidden, "forbidden")
		e.Do(http.MethodPost, ws+"/meetings", treas, map[string]any{"held_on": "2026-04-05", "program_id": m.program, "lines": []any{}}).
			ExpectProblem(http.StatusUnprocessableEntity, "validation_failed")
		e.Do(http.MethodPost, ws+"/meetings", treas, fmt.Sprintf(`{"held_on":"2026-04-05","program_id":%q,"lines":"semua"}`, m.program)).
			ExpectProblem(http.StatusBadRequest, "malformed_request")
	})
}
