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

// TestCapitalFollowsEarmarkPublicly: a donor's earmark is followed to
// members' enterprises on the public ledger and the group's public page —
// how much went as capital assistance to how many enterprises per program,
// the count under the small-cell rule and no name anywhere — and
// assistance whose ledger expense is later reversed no longer counts there,
// while the enterprise's own list marks it as not counting.
func TestCapitalFollowsEarmarkPublicly(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Rindu Jejak Modal")
		treas := e.Team(g)[access.Treasurer].Token
		ws := "/api/v1/t/" + g.Slug
		pid := testkit.Str(e.CreateProgram(g, g.OwnerToken, map[string]any{"template_key": "tenun-ikat", "starts_on": "2026-01-05"}), "id")
		member := func(name string) string {
			return e.CreateEnterprise(g, g.OwnerToken, e.CreateBeneficiary(g, g.OwnerToken, nil),
				map[string]any{"kind": "tenun-ikat", "name": name, "started_on": "2025-01-06"})
		}
		names := []string{"Tenun Mama Yakoba", "Tenun Mama Orpa", "Kios Mama Ruth"}
		a, b, c := member(names[0]), member(names[1]), member(names[2])
		ledger := func(kind string, amount int64, program string) string {
			body := map[string]any{"kind": kind, "amount": amount, "currency": "idr", "category": "bantuan modal",
				"occurred_on": "2026-03-02", "note": "Stimulan"}
			if program != "" {
				body["program_id"] = program
			}
			return testkit.Str(e.Do(http.MethodPost, ws+"/ledger", treas, body).Expect(http.StatusCreated).Map(), "id")
		}
		give := func(ent, entry string, amount int64) {
			e.Do(http.MethodPost, ws+"/enterprises/"+ent+"/capital", treas, map[string]any{"ledger_entry_id": entry,
				"kind": "grant", "source": "donation", "amount": amount, "given_on": "2026-03-03"}).Expect(http.StatusCreated)
		}
		ledger("income", 200_000_000, pid)
		earmarked := ledger("expense", 90_000_000, pid)
		give(a, earmarked, 50_000_000)
		give(b, earmarked, 40_000_000)
		general := ledger("expense", 30_000_000, "")
		give(c, general, 30_000_000)

		capital := func() []any {
			return e.Do(http.MethodGet, "/api/v1/public/groups/"+g.Slug+"/ledger", "", nil).Expect(http.StatusOK).Map()["capital_assistance"].([]any)
		}
		got := capital()
		if len(got) != 2 {
			t.Fatalf("capital assistance = %v", got)
		}
		p, rest := got[0].(map[string]any), got[1].(map[string]any)
		if p["program_id"] != pid || p["amount"] != float64(90_000_000) || p["enterprises"] != "<5" ||
			rest["program_id"] != nil || rest["amount"] != float64(30_000_000) || rest["enterprises"] != "<5" {
			t.Fatalf("capital assistance = %v", got)
		}
		page := e.Browser().Get("/g/" + g.Slug).Expect(http.StatusOK)
		page.Contains("Rp 900.000 disalurkan sebagai bantuan modal untuk", "Di luar program: Rp 300.000 disalurkan sebagai bantuan modal")
		for _, n := range names {
			page.Lacks(n)
		}

		// The unearmarked expense is reversed: its assistance counts no more.
		e.Do(http.MethodPost, ws+"/ledger/"+general+"/reverse", treas, map[string]any{"note": "salah catat"}).Expect(http.StatusCreated)
		if got := capital(); len(got) != 1 || got[0].(map[string]any)["program_id"] != pid {
			t.Fatalf("after the reversal, capital assistance = %v", got)
		}
		e.Browser().Get("/g/" + g.Slug).Expect(http.StatusOK).Contains("Rp 900.000 disalurkan").Lacks("Di luar program")
		items := e.Do(http.MethodGet, ws+"/enterprises/"+c+"/capital", treas, nil).Expect(http.StatusOK).Map()["items"].([]any)
		if len(items) != 1 || items[0].(map[string]any)["counts"] != false {
			t.Fatalf("capital of c after the reversal = %v", items)
		}
		items = e.Do(http.MethodGet, ws+"/enterprises/"+a+"/capital", treas, nil).Expect(http.StatusOK).Map()["items"].([]any)
		if len(items) != 1 || items[0].(map[string]any)["counts"] != true {
			t.Fatalf("capital of a = %v", items)
		}
		// Nor can more assistance be linked to the reversed expense.
		e.Do(http.MethodPost, ws+"/enterprises/"+c+"/capital", treas, map[string]any{"ledger_entry_id": general,
			"kind": "grant", "source": "donation", "amount": 1, "given_on": "2026-03-03"}).ExpectProblem(http.StatusUnprocessableEntity, "validation_failed")
	})
}
