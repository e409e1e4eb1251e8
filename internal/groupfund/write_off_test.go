package groupfund_test

import (
	"net/http"
	"testing"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/testkit"
)

// TestWriteOffTakesTwoPeople: a treasurer asks to write a late loan off;
// she cannot approve her own request; the admin does, the outstanding
// principal moves to losses in the journal, the loan leaves the portfolio
// and takes no more repayments.
func TestWriteOffTakesTwoPeople(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Rindu Hapus")
		team := e.Team(g)
		treas, admin := team[access.Treasurer].Token, team[access.Admin].Token
		ws := "/api/v1/t/" + g.Slug
		loan := e.FundLoan(g, map[string]any{"principal": 100_000_000, "fee_percent_per_month": 1, "term_months": 4,
			"method": "flat", "disbursed_on": "2026-01-05"})
		id := loan["id"].(string)
		e.Do(http.MethodPost, ws+"/loans/"+id+"/repayments", treas, map[string]any{"amount": 26_000_000, "paid_on": "2026-02-05"}).Expect(http.StatusCreated)

		e.Do(http.MethodPost, ws+"/loans/"+id+"/write-off/approval", admin, nil).ExpectProblem(http.StatusConflict, "write_off_not_requested")
		e.Do(http.MethodPost, ws+"/loans/"+id+"/write-off", treas, map[string]any{"note": ""}).ExpectProblem(http.StatusUnprocessableEntity, "validation_failed")
		w := e.Do(http.MethodPost, ws+"/loans/"+id+"/write-off", treas, map[string]any{"note": "Pindah ke Malaysia, tidak bisa dihubungi"}).
			Expect(http.StatusCreated).Map()
		if w["status"] != "requested" || w["amount"].(float64) != 0 {
			t.Fatalf("request = %v", w)
		}
		e.Do(http.MethodPost, ws+"/loans/"+id+"/write-off", admin, map[string]any{"note": "lagi"}).ExpectProblem(http.StatusConflict, "write_off_exists")
		e.Do(http.MethodPost, ws+"/loans/"+id+"/write-off/approval", treas, nil).ExpectProblem(http.StatusConflict, "second_person_required")
		if p := e.Do(http.MethodGet, ws+"/loans/portfolio", treas, nil).Expect(http.StatusOK).Map(); p["outstanding"].(float64) != 75_000_000 {
			t.Fatalf("portfolio before approval = %v", p)
		}
		e.Do(http.MethodPost, ws+"/loans/"+id+"/write-off/approval", team[access.Viewer].Token, nil).ExpectProblem(http.StatusForbidden, "forbidden")
		a := e.Do(http.MethodPost, ws+"/loans/"+id+"/write-off/approval", admin, nil).Expect(http.StatusOK).Map()
		if a["status"] != "approved" || a["amount"].(float64) != 75_000_000 {
			t.Fatalf("approval = %v", a)
		}
		e.Do(http.MethodPost, ws+"/loans/"+id+"/write-off/approval", g.OwnerToken, nil).ExpectProblem(http.StatusConflict, "write_off_approved")
		if p := e.Do(http.MethodGet, ws+"/loans/portfolio", treas, nil).Expect(http.StatusOK).Map(); p["outstanding"].(float64) != 0 || p["loans"].(float64) != 0 {
			t.Fatalf("portfolio after write-off = %v", p)
		}
		e.Do(http.MethodPost, ws+"/loans/"+id+"/repayments", treas, map[string]any{"amount": 1_000_000, "paid_on": "2026-03-05"}).
			ExpectProblem(http.StatusConflict, "loan_written_off")
		if v := e.Do(http.MethodGet, ws+"/loans/"+id, treas, nil).Expect(http.StatusOK).Map(); v["written_off"] != true {
			t.Fatalf("loan = %v", v)
		}
		tb := e.Do(http.MethodGet, ws+"/journal/trial-balance", treas, nil).Expect(http.StatusOK).Map()
		for _, x := range tb["accounts"].([]any) {
			acc := x.(map[string]any)
			switch acc["code"] {
			case "1200":
				if acc["debit"].(float64) != 0 {
					t.Fatalf("loans receivable after write-off = %v", acc)
				}
			case "5100":
				if acc["debit"].(float64) != 75_000_000 {
					t.Fatalf("losses = %v", acc)
				}
			}
		}
		if tb["debit"] != tb["credit"] {
			t.Fatalf("trial balance %v ≠ %v", tb["debit"], tb["credit"])
		}
	})
}

// TestAmountsSurviveKeyRotation: after the group's data key is rotated,
// every sealed amount (savings, loan, repayment) is resealed and reads
// the same.
func TestAmountsSurviveKeyRotation(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Rindu Kunci")
		ws := "/api/v1/t/" + g.Slug
		loan := e.FundLoan(g, nil)
		id := loan["id"].(string)
		e.Do(http.MethodPost, ws+"/loans/"+id+"/repayments", g.OwnerToken, map[string]any{"amount": 34_500_000, "paid_on": "2026-02-05"}).Expect(http.StatusCreated)
		before := e.Do(http.MethodGet, ws+"/loans/"+id+"?as_of=2026-03-01", g.OwnerToken, nil).Expect(http.StatusOK).Body
		n, err := e.App.Registry.RotateKey(t.Context(), e.App.DB.Scope(g.TenantID), audit.Actor{UserID: g.OwnerID})
		if err != nil {
			t.Fatal(err)
		}
		after := e.Do(http.MethodGet, ws+"/loans/"+id+"?as_of=2026-03-01", g.OwnerToken, nil).Expect(http.StatusOK).Body
		if string(before) != string(after) {
			t.Fatalf("loan changed by rotation:\n%s\n%s", before, after)
		}
		var versions []int
		if err := e.Owner.Global(t.Context()).Raw(`SELECT key_version FROM savings_transactions WHERE tenant_id = ?
			UNION SELECT key_version FROM loans WHERE tenant_id = ? UNION SELECT key_version FROM loan_repayments WHERE tenant_id = ?`,
			g.TenantID, g.TenantID, g.TenantID).Scan(&versions).Error; err != nil || len(versions) != 1 || versions[0] != 2 {
			t.Fatalf("key versions after rotation = %v (%v); rotation reported %v", versions, err, n)
		}
	})
}

// TestRescheduleLoan: a loan in arrears is rescheduled over a new term with
// a note; on the day it is current again, the schedule shows the new
// installments, and a repayment dated before the reschedule is refused.
func TestRescheduleLoan(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Rindu Jadwal")
		team := e.Team(g)
		treas := team[access.Treasurer].Token
		ws := "/api/v1/t/" + g.Slug
		loan := e.FundLoan(g, map[string]any{"principal": 120_000_000, "fee_percent_per_month": 1, "term_months": 4,
			"method": "declining", "disbursed_on": "2026-01-05"})
		id := loan["id"].(string)
		e.Do(http.MethodPost, ws+"/loans/"+id+"/repayments", treas, map[string]any{"amount": 31_200_000, "paid_on": "2026-02-05"}).Expect(http.StatusCreated)
		if v := e.Do(http.MethodGet, ws+"/loans/"+id+"?as_of=2026-06-10", treas, nil).Expect(http.StatusOK).Map(); v["class"] != "kurang_lancar" {
			t.Fatalf("before rescheduling = %v", v)
		}
		e.Do(http.MethodPost, ws+"/loans/"+id+"/reschedule", treas, map[string]any{"effective_on": "2026-02-01", "term_months": 6, "note": "x"}).
			ExpectProblem(http.StatusUnprocessableEntity, "validation_failed")
		e.Do(http.MethodPost, ws+"/loans/"+id+"/reschedule", treas, map[string]any{"effective_on": "2026-06-10", "term_months": 6, "note": " "}).
			ExpectProblem(http.StatusUnprocessableEntity, "validation_failed")
		v := e.Do(http.MethodPost, ws+"/loans/"+id+"/reschedule", treas, map[string]any{"effective_on": "2026-06-10", "term_months": 6,
			"note": "Panen gagal, angsuran diperpanjang"}).Expect(http.StatusCreated).Map()
		sched := v["schedule"].([]any)
		last := sched[len(sched)-1].(map[string]any)
		if len(sched) != 7 || last["due_on"] != "2026-12-10" || v["class"] != "lancar" || v["outstanding"].(float64) != 90_000_000 ||
			v["reschedules"].([]any)[0].(map[string]any)["note"] != "Panen gagal, angsuran diperpanjang" {
			t.Fatalf("rescheduled loan = %v", v)
		}
		e.Do(http.MethodPost, ws+"/loans/"+id+"/repayments", treas, map[string]any{"amount": 1_000_000, "paid_on": "2026-06-01"}).
			ExpectProblem(http.StatusUnprocessableEntity, "validation_failed")
		e.Do(http.MethodPost, ws+"/loans/"+id+"/repayments", treas, map[string]any{"amount": 15_900_000, "paid_on": "2026-07-10"}).Expect(http.StatusCreated)
		if v := e.Do(http.MethodGet, ws+"/loans/"+id+"?as_of=2026-08-09", treas, nil).Expect(http.StatusOK).Map(); v["class"] != "lancar" || v["days_late"].(float64) != 0 {
			t.Fatalf("after the first new installment = %v", v)
		}
		e.Do(http.MethodPost, ws+"/loans/"+id+"/reschedule", team[access.Facilitator].Token, map[string]any{"effective_on": "2026-07-10",
			"term_months": 6, "note": "x"}).ExpectProblem(http.StatusForbidden, "forbidden")
	})
}
