package groupfund_test

import (
	"net/http"
	"testing"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/testkit"
)

// TestLoans: a treasurer lends two members money from the group's cash;
// one repays on time (partly early), the other not at all. The portfolio
// classes each loan by its arrears, PAR30 is the late loan's share, and
// the journal's loans receivable and fee income agree with the loans.
func TestLoans(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Rindu Pinjam")
		team := e.Team(g)
		treas := team[access.Treasurer].Token
		ws := "/api/v1/t/" + g.Slug
		saver, ana, beti := e.CreateBeneficiary(g, g.OwnerToken, nil), e.CreateBeneficiary(g, g.OwnerToken, nil), e.CreateBeneficiary(g, g.OwnerToken, nil)
		lend := func(b string, principal int64, method string) map[string]any {
			return e.Do(http.MethodPost, ws+"/loans", treas, map[string]any{"beneficiary_id": b, "principal": principal,
				"fee_percent_per_month": 1.5, "term_months": 10, "method": method, "disbursed_on": "2026-01-05"}).Expect(http.StatusCreated).Map()
		}
		// No cash yet: nothing can be lent.
		e.Do(http.MethodPost, ws+"/loans", treas, map[string]any{"beneficiary_id": ana, "principal": 100_000_000,
			"fee_percent_per_month": 1.5, "term_months": 10, "method": "flat", "disbursed_on": "2026-01-05"}).ExpectProblem(http.StatusConflict, "insufficient_cash")
		e.Do(http.MethodPost, ws+"/savings/deposits", treas, map[string]any{"beneficiary_id": saver, "kind": "pokok",
			"amount": 1_000_000_000, "paid_on": "2026-01-05"}).Expect(http.StatusCreated)
		a := lend(ana, 300_000_000, "flat")
		b := lend(beti, 200_000_000, "declining")
		sched := a["schedule"].([]any)
		if len(sched) != 10 || a["receipt_no"] != "PJ-2026-00001" {
			t.Fatalf("loan = %v", a)
		}
		if s0 := sched[0].(map[string]any); s0["due_on"] != "2026-02-05" || s0["principal"].(float64) != 30_000_000 || s0["fee"].(float64) != 4_500_000 {
			t.Fatalf("first installment = %v", s0)
		}
		if f := b["schedule"].([]any)[1].(map[string]any)["fee"].(float64); f != 2_700_000 {
			t.Fatalf("declining second fee = %v", f)
		}
		aid, bid := a["id"].(string), b["id"].(string)

		// Ana pays February on time, March partly, then the rest of March
		// and April early on 20 March.
		repay := func(id string, amount int64, day string) map[string]any {
			return e.Do(http.MethodPost, ws+"/loans/"+id+"/repayments", treas, map[string]any{"amount": amount, "paid_on": day}).Expect(http.StatusCreated).Map()
		}
		r := repay(aid, 34_500_000, "2026-02-05")
		if r["fee"].(float64) != 4_500_000 || r["principal"].(float64) != 30_000_000 || r["outstanding"].(float64) != 270_000_000 {
			t.Fatalf("repayment = %v", r)
		}
		repay(aid, 10_000_000, "2026-03-05")
		repay(aid, 59_000_000, "2026-03-20")
		// Too much, or before the loan, is refused and changes nothing.
		e.Do(http.MethodPost, ws+"/loans/"+aid+"/repayments", treas, map[string]any{"amount": 1_000_000_000, "paid_on": "2026-03-21"}).
			ExpectProblem(http.StatusUnprocessableEntity, "validation_failed")
		e.Do(http.MethodPost, ws+"/loans/"+aid+"/repayments", treas, map[string]any{"amount": 1, "paid_on": "2026-01-04"}).
			ExpectProblem(http.StatusUnprocessableEntity, "validation_failed")

		portfolio := func(day string) map[string]any {
			return e.Do(http.MethodGet, ws+"/loans/portfolio?as_of="+day, team[access.Viewer].Token, nil).Expect(http.StatusOK).Map()
		}
		// 5 May: Ana has paid up to April and May is due today; Beti's
		// February installment is 89 days late.
		p := portfolio("2026-05-05")
		cls := p["classes"].(map[string]any)
		if p["outstanding"].(float64) != 210_000_000+200_000_000 || cls["lancar"].(float64) != 210_000_000 ||
			cls["dalam_perhatian_khusus"].(float64) != 200_000_000 || p["par30"].(float64) != 0.4878 || p["loans"].(float64) != 2 {
			t.Fatalf("portfolio 5 May = %v", p)
		}
		// 7 May: Beti is 91 days late; Ana's May installment 2 days.
		p = portfolio("2026-05-07")
		if cls := p["classes"].(map[string]any); cls["kurang_lancar"].(float64) != 200_000_000 || cls["lancar"].(float64) != 210_000_000 {
			t.Fatalf("portfolio 7 May = %v", p)
		}
		// Before any loan there is nothing.
		if p := portfolio("2026-01-04"); p["outstanding"].(float64) != 0 || p["par30"].(float64) != 0 {
			t.Fatalf("portfolio before loans = %v", p)
		}
		e.Do(http.MethodGet, ws+"/loans/portfolio?as_of=kemarin", treas, nil).ExpectProblem(http.StatusUnprocessableEntity, "validation_failed")

		// The loan as the treasurer reads it, on a day.
		v := e.Do(http.MethodGet, ws+"/loans/"+bid+"?as_of=2026-03-08", treas, nil).Expect(http.StatusOK).Map()
		if v["days_late"].(float64) != 31 || v["class"] != "dalam_perhatian_khusus" || v["outstanding"].(float64) != 200_000_000 {
			t.Fatalf("Beti's loan = %v", v)
		}
		// Journal: receivable = what is still lent, fee income = fees paid.
		tb := e.Do(http.MethodGet, ws+"/journal/trial-balance", treas, nil).Expect(http.StatusOK).Map()
		acc := map[string]float64{}
		for _, x := range tb["accounts"].([]any) {
			m := x.(map[string]any)
			acc[m["code"].(string)] = m["debit"].(float64) - m["credit"].(float64)
		}
		if acc["1200"] != 410_000_000 || acc["4100"] != -3*4_500_000 || acc["1100"] != 1_000_000_000-500_000_000+103_500_000 {
			t.Fatalf("accounts = %v", acc)
		}

		// Erasure takes the amounts of a loan repaid in full and keeps those
		// of a loan still owed, which the group must collect.
		cita := e.CreateBeneficiary(g, g.OwnerToken, nil)
		c := lend(cita, 10_000_000, "flat")
		repay(c["id"].(string), 10_000_000+10*150_000, "2026-01-20")
		scope := e.App.DB.Scope(g.TenantID)
		for _, who := range []string{cita, beti} {
			if err := e.App.GroupFund.Erase(t.Context(), scope, who); err != nil {
				t.Fatal(err)
			}
		}
		e.Do(http.MethodGet, ws+"/loans/"+c["id"].(string), treas, nil).ExpectProblem(http.StatusNotFound, "not_found")
		e.Do(http.MethodGet, ws+"/loans/"+bid, treas, nil).Expect(http.StatusOK)
		if p := portfolio("2026-05-07"); p["outstanding"].(float64) != 410_000_000 {
			t.Fatalf("portfolio after erasure = %v", p)
		}

		// Roles: viewers see the portfolio, not a loan; facilitators do not lend.
		e.Do(http.MethodGet, ws+"/loans/"+aid, team[access.Viewer].Token, nil).ExpectProblem(http.StatusForbidden, "forbidden")
		e.Do(http.MethodPost, ws+"/loans/"+aid+"/repayments", team[access.Facilitator].Token, map[string]any{"amount": 1, "paid_on": "2026-03-21"}).
			ExpectProblem(http.StatusForbidden, "forbidden")
		other := e.SignupGroup("Kelompok Lain")
		e.Do(http.MethodGet, "/api/v1/t/"+other.Slug+"/loans/"+aid, other.OwnerToken, nil).ExpectProblem(http.StatusNotFound, "not_found")
		e.Do(http.MethodPost, "/api/v1/t/"+other.Slug+"/loans/"+aid+"/repayments", other.OwnerToken, map[string]any{"amount": 1, "paid_on": "2026-03-21"}).
			ExpectProblem(http.StatusNotFound, "not_found")
	})
}
