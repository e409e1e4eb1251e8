package groupfund_test

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"testing"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/testkit"
)

// ledgerModel is what the test expects the group's book to hold.
type ledgerModel struct {
	cash    int64
	savings map[string]map[string]int64 // member → kind → balance
}

// TestFundReplay replays random sequences of the fund's operations through
// the API (deposits, withdrawals, refused over-withdrawals) and checks
// after every few steps that the trial balance's debits equal its credits,
// that cash and each savings account equal the sum of what was accepted,
// and that the group's savings equal the sum of every member's balances.
func TestFundReplay(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Rindu Acak")
		treas := e.AddMember(g, access.Treasurer).Token
		ws := "/api/v1/t/" + g.Slug
		members := make([]string, 4)
		for i := range members {
			members[i] = e.CreateBeneficiary(g, g.OwnerToken, nil)
		}
		m := &ledgerModel{savings: map[string]map[string]int64{}}
		for _, b := range members {
			m.savings[b] = map[string]int64{}
		}
		rng := rand.New(rand.NewPCG(15, 2026))
		kinds := []string{"pokok", "wajib", "sukarela"}
		for step := range 40 {
			b := members[rng.IntN(len(members))]
			amount := int64(rng.IntN(50)+1) * 100_000
			body := map[string]any{"beneficiary_id": b, "amount": amount, "paid_on": "2026-05-04"}
			switch op := rng.IntN(10); {
			case op < 6:
				k := kinds[rng.IntN(3)]
				body["kind"] = k
				e.Do(http.MethodPost, ws+"/savings/deposits", treas, body).Expect(http.StatusCreated)
				m.cash += amount
				m.savings[b][k] += amount
			default:
				body["kind"] = "sukarela"
				res := e.Do(http.MethodPost, ws+"/savings/withdrawals", treas, body)
				if amount > m.savings[b]["sukarela"] {
					res.ExpectProblem(http.StatusConflict, "insufficient_savings")
					continue
				}
				res.Expect(http.StatusCreated)
				m.cash -= amount
				m.savings[b]["sukarela"] -= amount
			}
			if step%8 == 7 {
				m.check(t, e, g, treas, members)
			}
		}
		m.check(t, e, g, treas, members)
	})
}

func (m *ledgerModel) check(t *testing.T, e *testkit.Env, g *testkit.Group, token string, members []string) {
	t.Helper()
	ws := "/api/v1/t/" + g.Slug
	tb := e.Do(http.MethodGet, ws+"/journal/trial-balance", token, nil).Expect(http.StatusOK).Map()
	if tb["debit"] != tb["credit"] {
		t.Fatalf("trial balance debit %v ≠ credit %v", tb["debit"], tb["credit"])
	}
	byCode := map[string]int64{}
	for _, a := range tb["accounts"].([]any) {
		acc := a.(map[string]any)
		byCode[acc["code"].(string)] = int64(acc["debit"].(float64)) - int64(acc["credit"].(float64))
	}
	wantKind := map[string]int64{}
	for _, b := range members {
		mine := e.Do(http.MethodGet, ws+"/beneficiaries/"+b+"/savings", token, nil).Expect(http.StatusOK).Map()["balances"].(map[string]any)
		for k, v := range m.savings[b] {
			wantKind[k] += v
			if int64(mine[k].(float64)) != v {
				t.Fatalf("member %s %s: %v, want %d", b, k, mine[k], v)
			}
		}
	}
	want := map[string]int64{"1100": m.cash, "2100": -wantKind["pokok"], "2110": -wantKind["wajib"], "2120": -wantKind["sukarela"]}
	for code, v := range want {
		if byCode[code] != v {
			t.Fatalf("account %s: %d, want %d", code, byCode[code], v)
		}
	}
	group := e.Do(http.MethodGet, ws+"/savings", token, nil).Expect(http.StatusOK).Map()["balances"].(map[string]any)
	if got := fmt.Sprint(group["total"]); got != fmt.Sprint(float64(wantKind["pokok"]+wantKind["wajib"]+wantKind["sukarela"])) {
		t.Fatalf("group savings %s, members hold %v", got, wantKind)
	}
}
