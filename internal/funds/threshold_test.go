package funds_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/testkit"
)

// TestThresholdRaiseNeedsASecondPerson: only an owner changes the approval
// threshold; a raise waits until another owner or admin confirms it, so an
// expense above the old threshold still waits for approval meanwhile; a
// lowering and a raise in a group of one apply at once; every change is
// audited and the public ledger shows the rule in force.
func TestThresholdRaiseNeedsASecondPerson(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Dua Orang")
		team := e.Team(g)
		owner, admin, treasurer := g.OwnerToken, team[access.Admin].Token, team[access.Treasurer].Token
		settings := "/api/v1/t/" + g.Slug + "/ledger/settings"
		expense := func() map[string]any {
			return e.Do(http.MethodPost, "/api/v1/t/"+g.Slug+"/ledger", treasurer, map[string]any{"kind": "expense",
				"amount": 500000000, "currency": "idr", "category": "bahan", "occurred_on": "2026-03-02"}).Expect(http.StatusCreated).Map()
		}

		// an admin may not change it at all
		e.Do(http.MethodPut, settings, admin, map[string]any{"approval_threshold": 1000000000}).ExpectProblem(http.StatusForbidden, "forbidden")
		e.Do(http.MethodPut, settings, treasurer, map[string]any{"approval_threshold": 1000000000}).ExpectProblem(http.StatusForbidden, "forbidden")

		// the owner's raise waits for a second person
		st := e.Do(http.MethodPut, settings, owner, map[string]any{"approval_threshold": 1000000000}).Expect(http.StatusOK).Map()
		if st["approval_threshold"] != float64(100000000) || st["pending"].(map[string]any)["approval_threshold"] != float64(1000000000) {
			t.Fatalf("a raise in a group with an admin: %v", st)
		}
		if x := expense(); x["needs_approval"] != true {
			t.Fatalf("an expense above the threshold in force counts at once: %v", x)
		}
		e.Do(http.MethodPost, settings+"/confirm", owner, nil).ExpectProblem(http.StatusConflict, "confirmer_is_proposer")
		e.Do(http.MethodPost, settings+"/confirm", treasurer, nil).ExpectProblem(http.StatusForbidden, "forbidden")
		st = e.Do(http.MethodPost, settings+"/confirm", admin, nil).Expect(http.StatusOK).Map()
		if st["approval_threshold"] != float64(1000000000) || st["pending"] != nil {
			t.Fatalf("after confirmation: %v", st)
		}
		e.Do(http.MethodPost, settings+"/confirm", admin, nil).ExpectProblem(http.StatusConflict, "no_pending_change")
		if x := expense(); x["needs_approval"] != false {
			t.Fatalf("the confirmed threshold is not in force: %v", x)
		}

		// a lowering applies at once
		st = e.Do(http.MethodPut, settings, owner, map[string]any{"approval_threshold": 50000000}).Expect(http.StatusOK).Map()
		if st["approval_threshold"] != float64(50000000) || st["pending"] != nil {
			t.Fatalf("a lowering: %v", st)
		}

		// the public sees the rule in force and how it changed
		pub := e.Do(http.MethodGet, "/api/v1/public/groups/"+g.Slug+"/ledger", "", nil).Expect(http.StatusOK).Map()
		changes := pub["approval_threshold_changes"].([]any)
		if pub["approval_threshold"] != float64(50000000) || len(changes) != 2 {
			t.Fatalf("public ledger: threshold %v, changes %v", pub["approval_threshold"], changes)
		}
		if raise := changes[1].(map[string]any); raise["to"] != float64(1000000000) || raise["confirmed_by_second_person"] != true {
			t.Fatalf("the raise on the public ledger: %v", raise)
		}
		page := string(e.Do(http.MethodGet, "/g/"+g.Slug+"/ledger", "", nil).Expect(http.StatusOK).Body)
		if !strings.Contains(page, "Pengeluaran di atas Rp 500.000 perlu persetujuan orang kedua") {
			t.Fatalf("the public ledger page does not state the rule")
		}

		// every step is in the audit log
		audit := string(e.Do(http.MethodGet, "/api/v1/t/"+g.Slug+"/audit?entity=funds_settings", owner, nil).Expect(http.StatusOK).Body)
		for _, action := range []string{`"propose"`, `"confirm"`, `"update"`} {
			if !strings.Contains(audit, action) {
				t.Fatalf("the audit log lacks %s: %s", action, audit)
			}
		}

		// in a group with no second owner or admin a raise applies at once
		alone := e.SignupGroup("Kelompok Sendiri")
		st = e.Do(http.MethodPut, "/api/v1/t/"+alone.Slug+"/ledger/settings", alone.OwnerToken, map[string]any{"approval_threshold": 1000000000}).Expect(http.StatusOK).Map()
		if st["approval_threshold"] != float64(1000000000) || st["pending"] != nil {
			t.Fatalf("a raise in a group of one: %v", st)
		}
	})
}
