package registry_test

import (
	"net/http"
	"testing"

	"github.com/peduli/peduli/internal/testkit"
)

func TestLookupByNIKAndKK(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g, other := e.SignupGroup("Rindu Sejahtera"), e.SignupGroup("Kasih Ibu")
		url := beneficiariesURL(g) + "/lookup"
		// Before anyone is registered there is no key yet, and nothing found.
		if items := e.Do(http.MethodPost, url, g.OwnerToken, map[string]any{"nik": testkit.NIK(birth())}).Expect(http.StatusOK).Map()["items"].([]any); len(items) != 0 {
			t.Fatalf("empty group found %v", items)
		}
		const nik, kk = "5301084107850008", "5301080303300003"
		e.Logs.Forbid(nik, kk)
		mother := e.CreateBeneficiary(g, g.OwnerToken, map[string]any{"nik": nik, "kk_number": kk})
		daughter := e.CreateBeneficiary(g, g.OwnerToken, map[string]any{"kk_number": kk})
		e.CreateBeneficiary(g, g.OwnerToken, nil)
		e.CreateBeneficiary(other, other.OwnerToken, map[string]any{"nik": nik, "kk_number": kk})

		found := e.Do(http.MethodPost, url, g.OwnerToken, map[string]any{"nik": "5301-0841-0785-0008"}).Expect(http.StatusOK).Map()["items"].([]any)
		if len(found) != 1 || found[0].(map[string]any)["id"] != mother || found[0].(map[string]any)["nik"] != "5301********0008" {
			t.Errorf("by NIK = %v", found)
		}
		household := e.Do(http.MethodPost, url, g.OwnerToken, map[string]any{"kk_number": kk}).Expect(http.StatusOK).Map()["items"].([]any)
		ids := map[any]bool{}
		for _, h := range household {
			ids[h.(map[string]any)["id"]] = true
		}
		if len(household) != 2 || !ids[mother] || !ids[daughter] {
			t.Errorf("by KK = %v", household)
		}
		if ev := rows(t, e, "SELECT fields FROM audit_events WHERE tenant_id = ? AND action = 'lookup'", g.TenantID); len(ev) != 3 {
			t.Errorf("lookups audited: %d, want 3", len(ev))
		}
		e.Do(http.MethodPost, url, g.OwnerToken, map[string]any{}).ExpectProblem(422, "validation_failed")
		e.Do(http.MethodPost, url, g.OwnerToken, map[string]any{"nik": "123"}).ExpectProblem(422, "validation_failed")
		e.Do(http.MethodPost, url, g.OwnerToken, map[string]any{"nik": nik, "kk_number": kk}).ExpectProblem(422, "validation_failed")
		viewer := e.AddMember(g, "viewer")
		e.Do(http.MethodPost, url, viewer.Token, map[string]any{"nik": nik}).ExpectProblem(403, "forbidden")
		e.Do(http.MethodPost, beneficiariesURL(other)+"/lookup", g.OwnerToken, map[string]any{"nik": nik}).ExpectProblem(404, "not_found")
	})
}
