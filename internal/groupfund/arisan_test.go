package groupfund_test

import (
	"net/http"
	"slices"
	"testing"

	"github.com/peduli/peduli/internal/testkit"
)

// TestArisanRound: four members agree an order; at each of four meetings
// everyone pays Rp 20.000 and the next in the order receives the Rp 80.000
// pot; a payout before the contributions are in is refused, and after the
// fourth the round is complete and the arisan account is back to zero.
func TestArisanRound(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		m := newMeetingGroup(e, 4)
		ws := "/api/v1/t/" + m.g.Slug
		tok := m.g.OwnerToken
		order := []string{m.members[2], m.members[0], m.members[3], m.members[1]}
		e.Do(http.MethodPost, ws+"/arisan-rounds", tok, map[string]any{"name": "Arisan Tenun", "contribution": 2_000_000,
			"starts_on": "2026-02-05", "draw": "agreement", "members": []string{order[0], order[0]}}).ExpectProblem(http.StatusUnprocessableEntity, "validation_failed")
		r := e.Do(http.MethodPost, ws+"/arisan-rounds", tok, map[string]any{"name": "Arisan Tenun", "contribution": 2_000_000,
			"starts_on": "2026-02-05", "draw": "agreement", "members": order}).Expect(http.StatusCreated).Map()
		id := r["id"].(string)
		if r["pot"].(float64) != 8_000_000 || r["complete"] != false {
			t.Fatalf("round = %v", r)
		}
		e.Do(http.MethodPost, ws+"/arisan-rounds/"+id+"/payouts", tok, map[string]any{"paid_on": "2026-02-05"}).ExpectProblem(http.StatusConflict, "arisan_short")
		days := []string{"2026-02-05", "2026-03-05", "2026-04-06", "2026-05-05"}
		for i, day := range days {
			lines := make([]any, len(m.members))
			for j, b := range m.members {
				lines[j] = map[string]any{"beneficiary_id": b, "present": true, "arisan": 2_000_000}
			}
			e.Do(http.MethodPost, ws+"/meetings", tok, map[string]any{"held_on": day, "program_id": m.program, "lines": lines}).Expect(http.StatusCreated)
			r = e.Do(http.MethodPost, ws+"/arisan-rounds/"+id+"/payouts", tok, map[string]any{"paid_on": day}).Expect(http.StatusCreated).Map()
			got := r["members"].([]any)[i].(map[string]any)
			if got["beneficiary_id"] != order[i] || got["received_on"] != day || r["received"].(float64) != float64(i+1) {
				t.Fatalf("payout %d: %v", i+1, r)
			}
		}
		if r["complete"] != true || r["completed_on"] != days[3] {
			t.Fatalf("round after four payouts = %v", r)
		}
		e.Do(http.MethodPost, ws+"/arisan-rounds/"+id+"/payouts", tok, map[string]any{"paid_on": "2026-05-05"}).ExpectProblem(http.StatusConflict, "round_complete")
		tb := e.Do(http.MethodGet, ws+"/journal/trial-balance", tok, nil).Expect(http.StatusOK).Map()
		for _, x := range tb["accounts"].([]any) {
			if a := x.(map[string]any); a["code"] == "2200" && (a["debit"].(float64) != 0 || a["credit"].(float64) != 0) {
				t.Fatalf("arisan held after the round = %v", a)
			}
		}
		// By lot: the same members in some order, each once.
		lot := e.Do(http.MethodPost, ws+"/arisan-rounds", tok, map[string]any{"name": "Arisan Undian", "contribution": 1_000_000,
			"starts_on": "2026-06-01", "draw": "lot", "members": m.members}).Expect(http.StatusCreated).Map()
		var drawn []string
		for _, x := range lot["members"].([]any) {
			drawn = append(drawn, x.(map[string]any)["beneficiary_id"].(string))
		}
		slices.Sort(drawn)
		want := slices.Clone(m.members)
		slices.Sort(want)
		if !slices.Equal(drawn, want) {
			t.Fatalf("lot drew %v from %v", drawn, want)
		}
		e.Do(http.MethodGet, ws+"/arisan-rounds/"+id, m.team["viewer"].Token, nil).ExpectProblem(http.StatusForbidden, "forbidden")
		e.Do(http.MethodGet, ws+"/arisan-rounds/"+id, m.team["treasurer"].Token, nil).Expect(http.StatusOK)
	})
}

// TestArisanRoundCountsItsOwnContributions: with two rounds running, a
// round's payout waits until each of its own members has paid this turn,
// however much arisan money the group holds for the other round.
func TestArisanRoundCountsItsOwnContributions(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		m := newMeetingGroup(e, 6)
		ws := "/api/v1/t/" + m.g.Slug
		tok := m.g.OwnerToken
		round := func(name string, contribution int64, members []string) string {
			return testkit.Str(e.Do(http.MethodPost, ws+"/arisan-rounds", tok, map[string]any{"name": name, "contribution": contribution,
				"starts_on": "2026-02-05", "draw": "agreement", "members": members}).Expect(http.StatusCreated).Map(), "id")
		}
		small, big := round("Arisan Kecil", 2_000_000, m.members[:4]), round("Arisan Besar", 5_000_000, m.members[4:])
		meeting := func(day string, pay map[int]int64) {
			lines := make([]any, len(m.members))
			for i, b := range m.members {
				lines[i] = map[string]any{"beneficiary_id": b, "present": true, "arisan": pay[i]}
			}
			e.Do(http.MethodPost, ws+"/meetings", tok, map[string]any{"held_on": day, "program_id": m.program, "lines": lines}).Expect(http.StatusCreated)
		}
		// Member 3 does not pay; the group holds Rp 160.000, twice the small pot.
		meeting("2026-02-05", map[int]int64{0: 2_000_000, 1: 2_000_000, 2: 2_000_000, 4: 5_000_000, 5: 5_000_000})
		e.Do(http.MethodPost, ws+"/arisan-rounds/"+small+"/payouts", tok, map[string]any{"paid_on": "2026-02-05"}).
			ExpectProblem(http.StatusConflict, "arisan_short")
		r := e.Do(http.MethodGet, ws+"/arisan-rounds/"+small, tok, nil).Expect(http.StatusOK).Map()
		for _, x := range r["members"].([]any) {
			mem := x.(map[string]any)
			if want := map[bool]float64{true: 0, false: 1}[mem["beneficiary_id"] == m.members[3]]; mem["paid_turns"] != want {
				t.Fatalf("round members = %v", r["members"])
			}
		}
		e.Do(http.MethodPost, ws+"/arisan-rounds/"+big+"/payouts", tok, map[string]any{"paid_on": "2026-02-05"}).Expect(http.StatusCreated)
		// She pays late; the small round's first pot can go.
		meeting("2026-02-12", map[int]int64{3: 2_000_000})
		e.Do(http.MethodPost, ws+"/arisan-rounds/"+small+"/payouts", tok, map[string]any{"paid_on": "2026-02-12"}).Expect(http.StatusCreated)
		// The second turn needs everyone's second contribution.
		meeting("2026-03-05", map[int]int64{0: 2_000_000, 1: 2_000_000, 2: 2_000_000, 3: 2_000_000})
		e.Do(http.MethodPost, ws+"/arisan-rounds/"+small+"/payouts", tok, map[string]any{"paid_on": "2026-03-05"}).Expect(http.StatusCreated)
	})
}
