package enterprises_test

import (
	"net/http"
	"testing"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/testkit"
)

// TestCapitalAssistance: a treasurer links a ledger expense (stimulus paid
// out) to two members' enterprises; together they never exceed it, a
// ledger entry that is not a counted expense is refused, and a
// facilitator reads what an enterprise received.
func TestCapitalAssistance(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Rindu Modal")
		team := e.Team(g)
		treas := team[access.Treasurer].Token
		ws := "/api/v1/t/" + g.Slug
		a := e.CreateEnterprise(g, g.OwnerToken, e.CreateBeneficiary(g, g.OwnerToken, nil), nil)
		b := e.CreateEnterprise(g, g.OwnerToken, e.CreateBeneficiary(g, g.OwnerToken, nil), nil)
		ledger := func(kind string, amount int64) string {
			return testkit.Str(e.Do(http.MethodPost, ws+"/ledger", treas, map[string]any{"kind": kind, "amount": amount, "currency": "IDR",
				"category": "bantuan modal", "occurred_on": "2026-03-02", "note": "Stimulan benang"}).Expect(http.StatusCreated).Map(), "id")
		}
		spent, income := ledger("expense", 90_000_000), ledger("income", 90_000_000)
		give := func(ent, entry string, amount int64) *testkit.Response {
			return e.Do(http.MethodPost, ws+"/enterprises/"+ent+"/capital", treas, map[string]any{"ledger_entry_id": entry,
				"kind": "in_kind", "source": "donation", "amount": amount, "given_on": "2026-03-03"})
		}
		give(a, spent, 50_000_000).Expect(http.StatusCreated)
		give(b, spent, 50_000_000).ExpectProblem(http.StatusUnprocessableEntity, "validation_failed")
		give(b, spent, 40_000_000).Expect(http.StatusCreated)
		give(b, income, 1).ExpectProblem(http.StatusUnprocessableEntity, "validation_failed")
		items := e.Do(http.MethodGet, ws+"/enterprises/"+b+"/capital", team[access.Facilitator].Token, nil).Expect(http.StatusOK).Map()["items"].([]any)
		if len(items) != 1 || items[0].(map[string]any)["amount"].(float64) != 40_000_000 || items[0].(map[string]any)["ledger_entry_id"] != spent {
			t.Fatalf("capital of b = %v", items)
		}
		e.Do(http.MethodGet, ws+"/enterprises/"+b+"/capital", team[access.Viewer].Token, nil).ExpectProblem(http.StatusForbidden, "forbidden")
		e.Do(http.MethodPost, ws+"/enterprises/"+b+"/capital", team[access.Facilitator].Token, map[string]any{"ledger_entry_id": spent,
			"kind": "grant", "source": "donation", "amount": 1, "given_on": "2026-03-03"}).ExpectProblem(http.StatusForbidden, "forbidden")
	})
}
