package groupfund_test

import (
	"net/http"
	"testing"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/testkit"
)

// TestIKS: the group's rule takes 2.5 % of a member's monthly profit from
// her enterprise book into the social fund, once per month; a month
// without profit owes nothing; a fixed rule takes its amount.
func TestIKS(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Rindu Sosial")
		team := e.Team(g)
		treas := team[access.Treasurer].Token
		ws := "/api/v1/t/" + g.Slug
		b := e.CreateBeneficiary(g, g.OwnerToken, nil)
		ent := e.CreateEnterprise(g, team[access.Facilitator].Token, b, nil)
		e.Do(http.MethodPut, ws+"/enterprises/"+ent+"/books/2026-10", team[access.Facilitator].Token, map[string]any{
			"sales": 400_000_000, "costs": map[string]any{"materials": 120_000_000}}).Expect(http.StatusOK)
		body := map[string]any{"beneficiary_id": b, "period": "2026-10", "paid_on": "2026-11-02"}
		e.Do(http.MethodPost, ws+"/iks/contributions", treas, body).ExpectProblem(http.StatusConflict, "iks_rule_missing")
		e.Do(http.MethodPut, ws+"/iks/rule", treas, map[string]any{"kind": "percent", "percent": 0}).ExpectProblem(http.StatusUnprocessableEntity, "validation_failed")
		e.Do(http.MethodPut, ws+"/iks/rule", treas, map[string]any{"kind": "percent", "percent": 2.5}).Expect(http.StatusOK)
		c := e.Do(http.MethodPost, ws+"/iks/contributions", treas, body).Expect(http.StatusCreated).Map()
		if c["profit"].(float64) != 280_000_000 || c["amount"].(float64) != 7_000_000 || c["receipt_no"] != "IKS-2026-00001" {
			t.Fatalf("contribution = %v", c)
		}
		e.Do(http.MethodPost, ws+"/iks/contributions", treas, body).ExpectProblem(http.StatusConflict, "iks_paid")
		e.Do(http.MethodPost, ws+"/iks/contributions", treas, map[string]any{"beneficiary_id": b, "period": "2026-09", "paid_on": "2026-11-02"}).
			ExpectProblem(http.StatusConflict, "no_profit")
		e.Do(http.MethodPut, ws+"/iks/rule", treas, map[string]any{"kind": "fixed", "amount": 500_000}).Expect(http.StatusOK)
		e.Do(http.MethodPost, ws+"/iks/contributions", treas, map[string]any{"beneficiary_id": b, "period": "2026-09", "paid_on": "2026-11-02"}).
			Expect(http.StatusCreated)
		tb := e.Do(http.MethodGet, ws+"/journal/trial-balance", team[access.Viewer].Token, nil).Expect(http.StatusOK).Map()
		for _, x := range tb["accounts"].([]any) {
			if a := x.(map[string]any); a["code"] == "3200" && a["credit"].(float64) != 7_500_000 {
				t.Fatalf("social fund = %v", a)
			}
		}
		e.Do(http.MethodPut, ws+"/iks/rule", team[access.Facilitator].Token, map[string]any{"kind": "fixed", "amount": 1}).ExpectProblem(http.StatusForbidden, "forbidden")
	})
}
