package groupfund_test

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

// TestSavings: a treasurer records deposits of the three kinds with
// numbered receipts and a withdrawal of voluntary savings; the member's
// savings show her balances and passbook, the group's totals and the
// journal agree, and refused operations change nothing.
func TestSavings(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Rindu Simpan")
		team := e.Team(g)
		treas := team[access.Treasurer].Token
		ws := "/api/v1/t/" + g.Slug
		b := e.CreateBeneficiary(g, g.OwnerToken, nil)
		e.Logs.Forbid("1234500")
		deposit := func(kind string, amount int64, day string) map[string]any {
			return e.Do(http.MethodPost, ws+"/savings/deposits", treas, map[string]any{
				"beneficiary_id": b, "kind": kind, "amount": amount, "paid_on": day}).Expect(http.StatusCreated).Map()
		}
		first := deposit("pokok", 5_000_000, "2026-03-02")
		deposit("wajib", 1_000_000, "2026-03-02")
		deposit("sukarela", 1_234_500, "2026-03-02")
		last := deposit("sukarela", 1_000_000, "2026-04-06")
		if first["receipt_no"] != "SP-2026-00001" || last["receipt_no"] != "SP-2026-00004" || last["balance"].(float64) != 2_234_500 {
			t.Fatalf("first %v, last %v", first, last)
		}
		w := e.Do(http.MethodPost, ws+"/savings/withdrawals", treas, map[string]any{
			"beneficiary_id": b, "kind": "sukarela", "amount": 234_500, "paid_on": "2026-04-06"}).Expect(http.StatusCreated).Map()
		if w["direction"] != "withdrawal" || w["balance"].(float64) != 2_000_000 || !regexp.MustCompile(`^SP-2026-\d{5}$`).MatchString(w["receipt_no"].(string)) {
			t.Fatalf("withdrawal = %v", w)
		}

		// Refused: more than she holds, pokok/wajib while a member, bad
		// input, a stranger's id, a future day; none leaves a trace.
		for _, c := range []struct {
			path   string
			body   map[string]any
			status int
			code   string
		}{
			{"/savings/withdrawals", map[string]any{"beneficiary_id": b, "kind": "sukarela", "amount": 2_000_001, "paid_on": "2026-04-07"}, 409, "insufficient_savings"},
			{"/savings/withdrawals", map[string]any{"beneficiary_id": b, "kind": "pokok", "amount": 1, "paid_on": "2026-04-07"}, 422, "validation_failed"},
			{"/savings/deposits", map[string]any{"beneficiary_id": b, "kind": "emas", "amount": 1, "paid_on": "2026-04-07"}, 422, "validation_failed"},
			{"/savings/deposits", map[string]any{"beneficiary_id": b, "kind": "wajib", "amount": 0, "paid_on": "2026-04-07"}, 422, "validation_failed"},
			{"/savings/deposits", map[string]any{"beneficiary_id": b, "kind": "wajib", "amount": -5, "paid_on": "2026-04-07"}, 422, "validation_failed"},
			{"/savings/deposits", map[string]any{"beneficiary_id": b, "kind": "wajib", "amount": 1, "paid_on": "2099-01-01"}, 422, "validation_failed"},
			{"/savings/deposits", map[string]any{"beneficiary_id": "01900000-0000-7000-8000-000000000000", "kind": "wajib", "amount": 1, "paid_on": "2026-04-07"}, 422, "validation_failed"},
		} {
			e.Do(http.MethodPost, ws+c.path, treas, c.body).ExpectProblem(c.status, c.code)
		}
		e.Do(http.MethodPost, ws+"/savings/deposits", treas, `{"beneficiary_id":"x","kind":"wajib","amount":"satu"}`).ExpectProblem(http.StatusBadRequest, "malformed_request")

		mine := e.Do(http.MethodGet, ws+"/beneficiaries/"+b+"/savings", treas, nil).Expect(http.StatusOK).Map()
		bal := mine["balances"].(map[string]any)
		if bal["pokok"].(float64) != 5_000_000 || bal["wajib"].(float64) != 1_000_000 || bal["sukarela"].(float64) != 2_000_000 ||
			bal["total"].(float64) != 8_000_000 || len(mine["transactions"].([]any)) != 5 {
			t.Fatalf("member savings = %v", mine)
		}
		group := e.Do(http.MethodGet, ws+"/savings", team[access.Viewer].Token, nil).Expect(http.StatusOK).Map()["balances"].(map[string]any)
		if group["total"].(float64) != 8_000_000 || group["sukarela"].(float64) != 2_000_000 {
			t.Fatalf("group savings = %v", group)
		}
		tb := e.Do(http.MethodGet, ws+"/journal/trial-balance", team[access.Viewer].Token, nil).Expect(http.StatusOK).Map()
		if tb["debit"].(float64) != 8_000_000 || tb["credit"].(float64) != 8_000_000 {
			t.Fatalf("trial balance = %v", tb)
		}

		// Viewers see totals only; facilitators read but do not write money.
		e.Do(http.MethodGet, ws+"/beneficiaries/"+b+"/savings", team[access.Viewer].Token, nil).ExpectProblem(http.StatusForbidden, "forbidden")
		e.Do(http.MethodPost, ws+"/savings/deposits", team[access.Facilitator].Token, map[string]any{
			"beneficiary_id": b, "kind": "wajib", "amount": 1, "paid_on": "2026-04-07"}).ExpectProblem(http.StatusForbidden, "forbidden")
		other := e.SignupGroup("Kelompok Lain")
		e.Do(http.MethodGet, "/api/v1/t/"+other.Slug+"/beneficiaries/"+b+"/savings", other.OwnerToken, nil).ExpectProblem(http.StatusNotFound, "not_found")
		e.Do(http.MethodPost, "/api/v1/t/"+other.Slug+"/savings/deposits", other.OwnerToken, map[string]any{
			"beneficiary_id": b, "kind": "wajib", "amount": 1, "paid_on": "2026-04-07"}).ExpectProblem(http.StatusUnprocessableEntity, "validation_failed")

		// Amounts are sealed at rest; reading them is audited.
		var rows []map[string]any
		if err := e.Owner.Global(t.Context()).Raw("SELECT * FROM savings_transactions WHERE tenant_id = ?", g.TenantID).Scan(&rows).Error; err != nil || len(rows) != 5 {
			t.Fatalf("rows %d: %v", len(rows), err)
		}
		for _, r := range rows {
			for col, v := range r {
				if strings.Contains(fmt.Sprint(v), "1234500") || strings.Contains(fmt.Sprint(v), "5000000") {
					t.Fatalf("column %s holds an amount in clear: %v", col, v)
				}
			}
		}
		var reads int64
		if err := e.Owner.Global(t.Context()).Table("audit_events").Where("tenant_id = ? AND action = ? AND entity_id = ? AND fields = ?",
			g.TenantID, "read_personal", b, "savings").Count(&reads).Error; err != nil || reads != 1 {
			t.Fatalf("audited savings reads = %d, %v", reads, err)
		}

		// Erasure empties her amounts; the group's totals stay.
		if err := e.App.GroupFund.Erase(t.Context(), e.App.DB.Scope(g.TenantID), b); err != nil {
			t.Fatal(err)
		}
		mine = e.Do(http.MethodGet, ws+"/beneficiaries/"+b+"/savings", treas, nil).Expect(http.StatusOK).Map()
		if mine["balances"].(map[string]any)["total"].(float64) != 0 || len(mine["transactions"].([]any)) != 0 {
			t.Fatalf("after erasure: %v", mine)
		}
		group = e.Do(http.MethodGet, ws+"/savings", treas, nil).Expect(http.StatusOK).Map()["balances"].(map[string]any)
		if group["total"].(float64) != 8_000_000 {
			t.Fatalf("group savings after erasure = %v", group)
		}
	})
}
