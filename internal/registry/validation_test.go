package registry_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/peduli/peduli/internal/testkit"
)

func TestBadInputIsRefusedAndNothingWritten(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Rindu Sejahtera")
		base := beneficiariesURL(g)
		id := e.CreateBeneficiary(g, g.OwnerToken, nil)
		valid := func(extra map[string]any) map[string]any {
			m := map[string]any{"name": "Maria", "nik": testkit.NIK(birth())}
			for k, v := range extra {
				m[k] = v
			}
			return m
		}
		cases := []struct {
			name   string
			body   any
			status int
			code   string
			field  string
		}{
			{"not JSON", "{name:", 400, "malformed_request", ""},
			{"array body", "[]", 400, "malformed_request", ""},
			{"dependents as text", valid(map[string]any{"dependents": "tiga"}), 400, "malformed_request", "dependents"},
			{"income as text", valid(map[string]any{"monthly_income": "banyak"}), 400, "malformed_request", "monthly_income"},
			{"household_head as text", valid(map[string]any{"household_head": "ya"}), 400, "malformed_request", "household_head"},
			{"purposes not a list", valid(map[string]any{"consent": map[string]any{"purposes": "services"}}), 400, "malformed_request", ""},
			{"missing name", map[string]any{"nik": testkit.NIK(birth())}, 422, "validation_failed", "name"},
			{"missing NIK", map[string]any{"name": "Maria"}, 422, "validation_failed", "nik"},
			{"NIK of 15 digits", valid(map[string]any{"nik": "530108410785000"}), 422, "validation_failed", "nik"},
			{"NIK with letters", valid(map[string]any{"nik": "53010841078500AB"}), 422, "validation_failed", "nik"},
			{"NIK unknown province", valid(map[string]any{"nik": "9901084107850001"}), 422, "validation_failed", "nik"},
			{"NIK impossible birth date", valid(map[string]any{"nik": "5301087213850001"}), 422, "validation_failed", "nik"},
			{"NIK serial 0000", valid(map[string]any{"nik": "5301084107850000"}), 422, "validation_failed", "nik"},
			{"bad KK", valid(map[string]any{"kk_number": "123"}), 422, "validation_failed", "kk_number"},
			{"bad phone", valid(map[string]any{"phone": "12345"}), 422, "validation_failed", "phone"},
			{"31 February", valid(map[string]any{"birth_date": "1990-02-31"}), 422, "validation_failed", "birth_date"},
			{"not a date", valid(map[string]any{"birth_date": "kemarin"}), 422, "validation_failed", "birth_date"},
			{"born in the future", valid(map[string]any{"birth_date": "2999-01-01"}), 422, "validation_failed", "birth_date"},
			{"negative income", valid(map[string]any{"monthly_income": -1}), 422, "validation_failed", "monthly_income"},
			{"negative dependents", valid(map[string]any{"dependents": -2}), 422, "validation_failed", "dependents"},
			{"unknown marital status", valid(map[string]any{"marital_status": "complicated"}), 422, "validation_failed", "marital_status"},
			{"unknown education", valid(map[string]any{"education": "phd"}), 422, "validation_failed", "education"},
			{"unknown purpose", valid(map[string]any{"consent": map[string]any{"purposes": []string{"marketing"}}}), 422, "validation_failed", "consent.purposes[0]"},
			{"name too long", valid(map[string]any{"name": strings.Repeat("n", 121)}), 422, "validation_failed", "name"},
			{"address too long", valid(map[string]any{"address": strings.Repeat("j", 301)}), 422, "validation_failed", "address"},
			{"occupation too long", valid(map[string]any{"occupation": strings.Repeat("o", 101)}), 422, "validation_failed", "occupation"},
		}
		beneficiaries, events := count(t, e, "beneficiaries", g.TenantID), count(t, e, "audit_events", g.TenantID)
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				for _, req := range []struct{ method, path string }{{http.MethodPost, base}, {http.MethodPatch, base + "/" + id}} {
					if req.method == http.MethodPatch && (c.field == "name" && c.name == "missing name" || c.field == "nik" && c.name == "missing NIK") {
						continue // PATCH changes only what is present
					}
					p := e.Do(req.method, req.path, g.OwnerToken, c.body).ExpectProblem(c.status, c.code)
					if c.field != "" && !hasField(p, c.field) {
						t.Errorf("%s: problem does not name %s: %v", req.method, c.field, p["errors"])
					}
				}
			})
		}
		// A 10 MB body is refused before it is read, which only a real
		// connection shows.
		if status := oversized(t, e, http.MethodPost, base, g.OwnerToken, 10<<20); status != http.StatusRequestEntityTooLarge {
			t.Errorf("10 MB POST: %d, want 413", status)
		}
		if status := oversized(t, e, http.MethodPatch, base+"/"+id, g.OwnerToken, 10<<20); status != http.StatusRequestEntityTooLarge {
			t.Errorf("10 MB PATCH: %d, want 413", status)
		}
		if n := count(t, e, "beneficiaries", g.TenantID); n != beneficiaries {
			t.Errorf("beneficiaries: %d, want %d", n, beneficiaries)
		}
		if n := count(t, e, "audit_events", g.TenantID); n != events {
			t.Errorf("audit events: %d, want %d", n, events)
		}
		if v := get(e, g, g.OwnerToken, id); v["village"] != "Penfui Timur" || v["dependents"] != float64(0) {
			t.Errorf("record changed by refused updates: %v", v)
		}

		// Problems never repeat what was typed.
		bad := e.Do(http.MethodPost, base, g.OwnerToken, valid(map[string]any{"nik": "9901084107850001", "phone": "0812999"}))
		if s := string(bad.Body); strings.Contains(s, "9901084107850001") || strings.Contains(s, "0812999") {
			t.Errorf("problem repeats what was typed: %s", s)
		}

		// List query parameters are checked too.
		e.Do(http.MethodGet, base+"?limit=0", g.OwnerToken, nil).ExpectProblem(422, "validation_failed")
		e.Do(http.MethodGet, base+"?limit=101", g.OwnerToken, nil).ExpectProblem(422, "validation_failed")
		e.Do(http.MethodGet, base+"?limit=x", g.OwnerToken, nil).ExpectProblem(422, "validation_failed")
		e.Do(http.MethodGet, base+"?cursor=nope", g.OwnerToken, nil).ExpectProblem(422, "validation_failed")
		e.Do(http.MethodGet, base+"?q="+strings.Repeat("q", 101), g.OwnerToken, nil).ExpectProblem(422, "validation_failed")

		// Assessments refuse bad facts and write nothing.
		assessments := count(t, e, "assessments", g.TenantID)
		for _, body := range []any{
			map[string]any{"monthly_income": -5}, map[string]any{"assessed_on": "2999-01-01"},
			map[string]any{"assessed_on": "2025-13-01"}, map[string]any{"marital_status": "x"},
			map[string]any{"dependents": "dua"}, map[string]any{"birth_date": "1990-02-30"},
		} {
			res := e.Do(http.MethodPost, base+"/"+id+"/assessments", g.OwnerToken, body)
			if res.Status != 400 && res.Status != 422 {
				t.Errorf("assessment %v: %d", body, res.Status)
			}
		}
		if n := count(t, e, "assessments", g.TenantID); n != assessments {
			t.Errorf("assessments written by refused requests: %d", n-assessments)
		}
	})
}

func hasField(problem map[string]any, field string) bool {
	list, _ := problem["errors"].([]any)
	for _, x := range list {
		if m, ok := x.(map[string]any); ok && m["field"] == field {
			return true
		}
	}
	return false
}

// oversized announces a JSON body of size bytes over a real connection and
// returns the status the server answered with before reading it.
func oversized(t *testing.T, e *testkit.Env, method, path, token string, size int) int {
	t.Helper()
	return e.With(t).Oversized(method, path, token, size).Status
}
