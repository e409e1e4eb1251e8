package groupfund_test

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"testing"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/funds"
	"github.com/peduli/peduli/internal/testkit"
)

// ledgerModel is what the test expects the group's book to hold.
type ledgerModel struct {
	cash       int64
	savings    map[string]map[string]int64 // member → kind → balance
	receivable int64
	fees       int64
	loans      []string
	// The group ledger beside the fund: what it counts, and its entries
	// that may still be approved or reversed.
	income, expense    int64
	entries            []ledgerEntry
	approved, reversed int
	// Arisan (one round of every member) and the IKS social fund.
	round, program     string
	arisanPaid         map[string]int
	arisanHeld, social int64
	payouts            int
	iksPaid            map[string]bool // member|period
}

// ledgerEntry is an entry the replay wrote to the group ledger.
type ledgerEntry struct {
	id                         string
	amount                     int64
	income, pending, cancelled bool
}

// TestFundReplay replays random sequences of the fund's operations through
// the API (deposits, withdrawals, refused over-withdrawals, loans refused
// or made from the cash held, partial repayments) and checks
// after every few steps that the trial balance's debits equal its credits,
// that cash and each savings account equal the sum of what was accepted,
// that the group's savings equal the sum of every member's balances, that
// the arisan held and the social fund equal what was paid in (and out), and
// that loans receivable equals what the loans say is still owed. Between
// them it writes to the group ledger (income, expenses counted at once or
// waiting for approval, approvals, reversals) and checks that the one cash
// figure the treasurer reads agrees with both books: the ledger's part
// with what the ledger counts, the members' fund's with the journal's
// cash, and that neither book's operations move the other.
func TestFundReplay(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Rindu Acak")
		treas := e.AddMember(g, access.Treasurer).Token
		ws := "/api/v1/t/" + g.Slug
		e.Team(g) // a second person may approve the treasurer's expenses
		members := make([]string, 4)
		for i := range members {
			members[i] = e.CreateBeneficiary(g, g.OwnerToken, nil)
		}
		m := &ledgerModel{savings: map[string]map[string]int64{}, arisanPaid: map[string]int{}, iksPaid: map[string]bool{}}
		for _, b := range members {
			m.savings[b] = map[string]int64{}
		}
		m.setUpArisanAndIKS(e, g, treas, members)
		rng := rand.New(rand.NewPCG(15, 2026))
		kinds := []string{"pokok", "wajib", "sukarela"}
		for step := range 120 {
			b := members[rng.IntN(len(members))]
			amount := int64(rng.IntN(50)+1) * 100_000
			body := map[string]any{"beneficiary_id": b, "amount": amount, "paid_on": "2026-05-04"}
			switch op := rng.IntN(26); {
			case op >= 20:
				m.memberStep(t, e, g, treas, rng, op, members)
			case op >= 14:
				m.ledgerStep(t, e, g, treas, rng, op, amount)
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
			if step%12 == 11 {
				m.check(t, e, g, treas, members)
			}
		}
		m.check(t, e, g, treas, members)
		if len(m.loans) == 0 || m.fees == 0 {
			t.Fatalf("the sequence made %d loans and earned %d in fees: it tests too little", len(m.loans), m.fees)
		}
		if m.payouts == 0 || len(m.iksPaid) == 0 {
			t.Fatalf("the sequence paid %d arisan pots (turns paid %v) and %d IKS contributions: it tests too little", m.payouts, m.arisanPaid, len(m.iksPaid))
		}
		if m.approved == 0 || m.reversed < 2 {
			t.Fatalf("the sequence approved %d and reversed %d ledger entries: it tests too little", m.approved, m.reversed)
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
		"1200": m.receivable, "4100": -m.fees, "2200": -m.arisanHeld, "3200": -m.social}
	for code, v := range want {
		if byCode[code] != v {
			t.Fatalf("account %s: %d, want %d", code, byCode[code], v)
		}
	}
	book := e.Do(http.MethodGet, ws+"/ledger", token, nil).Expect(http.StatusOK).Map()
	totals, cash := book["totals"].(map[string]any), book["cash"].(map[string]any)
	if int64(totals["income"].(float64)) != m.income || int64(totals["expense"].(float64)) != m.expense {
		t.Fatalf("ledger income/expense %v/%v, the model %d/%d", totals["income"], totals["expense"], m.income, m.expense)
	}
	if int64(cash["ledger"].(float64)) != m.income-m.expense || int64(cash["members_fund"].(float64)) != byCode["1100"] ||
		int64(cash["total"].(float64)) != m.income-m.expense+m.cash {
		t.Fatalf("cash on hand %v; ledger %d, journal cash %d", cash, m.income-m.expense, byCode["1100"])
	}
	group := e.Do(http.MethodGet, ws+"/savings", token, nil).Expect(http.StatusOK).Map()["balances"].(map[string]any)
	if got := fmt.Sprint(group["total"]); got != fmt.Sprint(float64(wantKind["pokok"]+wantKind["wajib"]+wantKind["sukarela"])) {
		t.Fatalf("group savings %s, members hold %v", got, wantKind)
	}
}

// ledgerStep writes one random operation to the group ledger: income,
// an expense that counts at once, one above the approval threshold that
// waits, the approval of a waiting one, or the reversal of any entry.
func (m *ledgerModel) ledgerStep(t *testing.T, e *testkit.Env, g *testkit.Group, treas string, rng *rand.Rand, op int, amount int64) {
	t.Helper()
	base := "/api/v1/t/" + g.Slug + "/ledger"
	write := func(kind string, amount int64) string {
		return testkit.Str(e.Do(http.MethodPost, base, treas, map[string]any{"kind": kind, "amount": amount, "currency": "idr",
			"category": "operasional", "occurred_on": "2026-05-04"}).Expect(http.StatusCreated).Map(), "id")
	}
	switch op {
	case 14, 15:
		m.entries = append(m.entries, ledgerEntry{id: write("income", amount*10), amount: amount * 10, income: true})
		m.income += amount * 10
	case 16:
		m.entries = append(m.entries, ledgerEntry{id: write("expense", amount), amount: amount})
		m.expense += amount
	case 17:
		big := funds.DefaultApprovalThreshold + amount
		m.entries = append(m.entries, ledgerEntry{id: write("expense", big), amount: big, pending: true})
	case 18:
		for i := range m.entries {
			if x := &m.entries[i]; x.pending && !x.cancelled {
				e.Do(http.MethodPost, base+"/"+x.id+"/approve", g.OwnerToken, nil).Expect(http.StatusOK)
				x.pending = false
				m.expense += x.amount
				m.approved++
				return
			}
		}
	default:
		if len(m.entries) == 0 {
			return
		}
		x := &m.entries[rng.IntN(len(m.entries))]
		res := e.Do(http.MethodPost, base+"/"+x.id+"/reverse", treas, nil)
		if x.cancelled {
			res.ExpectProblem(http.StatusConflict, "already_reversed")
			return
		}
		res.Expect(http.StatusCreated)
		x.cancelled = true
		m.reversed++
		switch {
		case x.pending: // cancelled before approval: it never counted
		case x.income:
			m.income -= x.amount
		default:
			m.expense -= x.amount
		}
	}
}

// arisanContribution and iksProfit are the replay's arisan round
// contribution and each member's monthly profit (IKS takes 10 % of it).
const (
	arisanContribution = 2_000_000
	iksProfit          = 300_000_000
)

// setUpArisanAndIKS enrols the members in a program (meetings record its
// attendance), starts an arisan round of all of them, gives each an
// enterprise with books for January to April and sets a 10 % IKS rule.
func (m *ledgerModel) setUpArisanAndIKS(e *testkit.Env, g *testkit.Group, treas string, members []string) {
	ws := "/api/v1/t/" + g.Slug
	m.program = testkit.Str(e.CreateProgram(g, g.OwnerToken, map[string]any{"template_key": "tenun-ikat", "starts_on": "2026-01-05"}), "id")
	for _, b := range members {
		e.Enroll(g, g.OwnerToken, m.program, b)
		ent := e.CreateEnterprise(g, g.OwnerToken, b, nil)
		for _, month := range []string{"2026-01", "2026-02", "2026-03", "2026-04"} {
			e.Do(http.MethodPut, ws+"/enterprises/"+ent+"/books/"+month, g.OwnerToken, map[string]any{
				"sales": iksProfit + 100_000_000, "costs": map[string]any{"materials": 100_000_000}}).Expect(http.StatusOK)
		}
	}
	m.round = testkit.Str(e.Do(http.MethodPost, ws+"/arisan-rounds", treas, map[string]any{"name": "Arisan Acak",
		"contribution": arisanContribution, "starts_on": "2026-05-01", "draw": "agreement", "members": members}).Expect(http.StatusCreated).Map(), "id")
	e.Do(http.MethodPut, ws+"/iks/rule", treas, map[string]any{"kind": "percent", "percent": 10}).Expect(http.StatusOK)
}

// memberStep is one random arisan or IKS operation: a member pays her
// arisan on a meeting sheet (refused once she has paid every turn), the
// round pays its pot (refused until everyone has paid the turn, or once
// complete), or a member pays her IKS for a month (once a month).
func (m *ledgerModel) memberStep(t *testing.T, e *testkit.Env, g *testkit.Group, treas string, rng *rand.Rand, op int, members []string) {
	t.Helper()
	ws := "/api/v1/t/" + g.Slug
	b := members[rng.IntN(len(members))]
	switch op {
	case 20, 21:
		if rng.IntN(2) == 0 { // half the time whoever is behind pays
			for _, x := range members {
				if m.arisanPaid[x] < m.arisanPaid[b] {
					b = x
				}
			}
		}
		res := e.Do(http.MethodPost, ws+"/meetings", treas, map[string]any{"held_on": "2026-05-04", "program_id": m.program,
			"lines": []any{map[string]any{"beneficiary_id": b, "present": true, "arisan": arisanContribution}}})
		if m.arisanPaid[b] == len(members) {
			res.ExpectProblem(http.StatusUnprocessableEntity, "validation_failed")
			return
		}
		res.Expect(http.StatusCreated)
		m.arisanPaid[b]++
		m.arisanHeld += arisanContribution
		m.cash += arisanContribution
	case 22, 23:
		res := e.Do(http.MethodPost, ws+"/arisan-rounds/"+m.round+"/payouts", treas, map[string]any{"paid_on": "2026-05-04"})
		if m.payouts == len(members) {
			res.ExpectProblem(http.StatusConflict, "round_complete")
			return
		}
		for _, x := range members {
			if m.arisanPaid[x] <= m.payouts {
				res.ExpectProblem(http.StatusConflict, "arisan_short")
				return
			}
		}
		res.Expect(http.StatusCreated)
		m.payouts++
		pot := int64(arisanContribution * len(members))
		m.arisanHeld -= pot
		m.cash -= pot
	default:
		period := fmt.Sprintf("2026-%02d", rng.IntN(4)+1)
		res := e.Do(http.MethodPost, ws+"/iks/contributions", treas, map[string]any{"beneficiary_id": b, "period": period, "paid_on": "2026-05-04"})
		if m.iksPaid[b+"|"+period] {
			res.ExpectProblem(http.StatusConflict, "iks_paid")
			return
		}
		res.Expect(http.StatusCreated)
		m.iksPaid[b+"|"+period] = true
		m.social += iksProfit / 10
		m.cash += iksProfit / 10
	}
}
