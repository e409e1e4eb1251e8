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
	cash       int64
	savings    map[string]map[string]int64 // member → kind → balance
	receivable int64
	fees       int64
	loans      []string
}

// TestFundReplay replays random sequences of the fund's operations through
// the API (deposits, withdrawals, refused over-withdrawals, loans refused
// or made from the cash held, partial repayments) and checks
// after every few steps that the trial balance's debits equal its credits,
// that cash and each savings account equal the sum of what was accepted,
// that the group's savings equal the sum of every member's balances, and
// that loans receivable equals what the loans say is still owed.
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
		for step := range 60 {
			b := members[rng.IntN(len(members))]
			amount := int64(rng.IntN(50)+1) * 100_000
			body := map[string]any{"beneficiary_id": b, "amount": amount, "paid_on": "2026-05-04"}
			switch op := rng.IntN(14); {
			case op >= 10 && op < 12: // lend, refused when cash is short
				body["principal"], body["fee_percent_per_month"], body["term_months"] = amount*3, 2, rng.IntN(6)+1
				body["method"], body["disbursed_on"] = []string{"flat", "declining"}[rng.IntN(2)], "2026-05-04"
				delete(body, "amount")
				delete(body, "paid_on")
				res := e.Do(http.MethodPost, ws+"/loans", treas, body)
				if amount*3 > m.cash {
					res.ExpectProblem(http.StatusConflict, "insufficient_cash")
					continue
				}
				m.loans = append(m.loans, testkit.Str(res.Expect(http.StatusCreated).Map(), "id"))
				m.cash -= amount * 3
				m.receivable += amount * 3
			case op >= 12: // repay part of what a loan still owes
				if len(m.loans) == 0 {
					continue
				}
				id := m.loans[rng.IntN(len(m.loans))]
				loan := e.Do(http.MethodGet, ws+"/loans/"+id, treas, nil).Expect(http.StatusOK).Map()
				owed := int64(loan["outstanding"].(float64) + loan["fees_owed"].(float64))
				if owed == 0 {
					continue
				}
				pay := min(owed, amount)
				r := e.Do(http.MethodPost, ws+"/loans/"+id+"/repayments", treas, map[string]any{"amount": pay, "paid_on": "2026-05-04"}).
					Expect(http.StatusCreated).Map()
				m.cash += pay
				m.receivable -= int64(r["principal"].(float64))
				m.fees += int64(r["fee"].(float64))
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
		if len(m.loans) == 0 || m.fees == 0 {
			t.Fatalf("the sequence made %d loans and earned %d in fees: it tests too little", len(m.loans), m.fees)
		}
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
	var owed int64
	for _, id := range m.loans {
		owed += int64(e.Do(http.MethodGet, ws+"/loans/"+id, token, nil).Expect(http.StatusOK).Map()["outstanding"].(float64))
	}
	if owed != m.receivable {
		t.Fatalf("loans owe %d, the model %d", owed, m.receivable)
	}
	want := map[string]int64{"1100": m.cash, "2100": -wantKind["pokok"], "2110": -wantKind["wajib"], "2120": -wantKind["sukarela"],
		"1200": m.receivable, "4100": -m.fees}
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
