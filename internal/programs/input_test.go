package programs_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/peduli/peduli/internal/testkit"
)

// TestBadInputsWriteNothing: wrong types, oversized bodies and strings,
// invalid dates and periods, unknown templates and people not enrolled are
// problems (4xx), and no row is written.
func TestBadInputsWriteNothing(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		w := newWorld(e, "Pangan Lestari")
		tok := w.g.OwnerToken
		huge := strings.Repeat("x", 2<<20)
		long := strings.Repeat("x", 300)
		before := tableCounts(t, e)
		progs := w.base + "/programs"
		enroll := progs + "/" + w.program + "/enrollments"
		acts := progs + "/" + w.program + "/activities"
		att := w.base + "/activities/" + w.activity + "/attendance"
		outc := w.base + "/beneficiaries/" + w.beneficiary + "/outcomes"
		cases := []struct {
			name, method, path string
			body               any
			status             int
			field              string
		}{
			{"program: wrong type", http.MethodPost, progs, `{"template_key":"tenun-ikat","starts_on":20260101}`, 400, "starts_on"},
			{"program: not JSON", http.MethodPost, progs, `{"template_key":`, 400, ""},
			{"program: 2 MB name", http.MethodPost, progs, map[string]any{"name": huge, "starts_on": "2026-01-01"}, 413, ""},
			{"program: long name", http.MethodPost, progs, map[string]any{"template_key": "tenun-ikat", "name": long, "starts_on": "2026-01-01"}, 422, "name"},
			{"program: unknown template", http.MethodPost, progs, map[string]any{"template_key": "tenun-sutra", "starts_on": "2026-01-01"}, 422, "template_key"},
			{"program: 30 February", http.MethodPost, progs, map[string]any{"template_key": "tenun-ikat", "starts_on": "2026-02-30"}, 422, "starts_on"},
			{"program: ends before it starts", http.MethodPost, progs, map[string]any{"template_key": "tenun-ikat", "starts_on": "2026-02-01", "ends_on": "2026-01-01"}, 422, "ends_on"},
			{"program: scratch without name", http.MethodPost, progs, map[string]any{"starts_on": "2026-02-01"}, 422, "name"},
			{"program: scratch bad unit", http.MethodPost, progs, map[string]any{"name": "Sendiri", "starts_on": "2026-02-01",
				"indicators": []any{map[string]any{"key": "kg_sold", "name": map[string]any{"id": "Terjual"}, "unit": "ton", "direction": "up"}}}, 422, "indicators[0].unit"},
			{"program: bad status", http.MethodPatch, progs + "/" + w.program, map[string]any{"status": "paused"}, 422, "status"},
			{"enroll: not an id", http.MethodPost, enroll, map[string]any{"beneficiary_id": "maria"}, 422, "beneficiary_id"},
			{"enroll: wrong type", http.MethodPost, enroll, map[string]any{"beneficiary_id": 12}, 400, "beneficiary_id"},
			{"enroll: unknown person", http.MethodPost, enroll, map[string]any{"beneficiary_id": "01a21929-8faa-76f7-8ba0-3d1ee59427bd"}, 404, ""},
			{"enroll: bad date", http.MethodPost, enroll, map[string]any{"beneficiary_id": w.other, "enrolled_on": "26-01-2026"}, 422, "enrolled_on"},
			{"enroll: twice", http.MethodPost, enroll, map[string]any{"beneficiary_id": w.beneficiary}, 409, ""},
			{"activity: unknown kind", http.MethodPost, acts, map[string]any{"title": "Menari", "kind": "menari", "held_on": "2026-01-02"}, 422, "kind"},
			{"activity: bad date", http.MethodPost, acts, map[string]any{"title": "Rapat", "kind": "other", "held_on": "2026-13-01"}, 422, "held_on"},
			{"activity: 2 MB title", http.MethodPost, acts, map[string]any{"title": huge, "kind": "other", "held_on": "2026-01-02"}, 413, ""},
			{"activity: long title", http.MethodPost, acts, map[string]any{"title": long, "kind": "other", "held_on": "2026-01-02"}, 422, "title"},
			{"attendance: not enrolled", http.MethodPut, att, map[string]any{"present": []string{w.beneficiary, w.other}}, 422, "present[1]"},
			{"attendance: not an id", http.MethodPut, att, map[string]any{"present": []string{"x"}}, 422, "present[0]"},
			{"attendance: wrong type", http.MethodPut, att, map[string]any{"present": "all"}, 400, "present"},
			{"attendance: missing list", http.MethodPut, att, map[string]any{}, 422, "present"},
			{"outcome: negative income", http.MethodPost, outc, map[string]any{"indicator": "monthly_income", "period": "2026-01", "value": -500}, 422, "value"},
			{"outcome: fractional value", http.MethodPost, outc, map[string]any{"indicator": "monthly_income", "period": "2026-01", "value": 1.5}, 400, "value"},
			{"outcome: value as text", http.MethodPost, outc, map[string]any{"indicator": "monthly_income", "period": "2026-01", "value": "100"}, 400, "value"},
			{"outcome: month 13", http.MethodPost, outc, map[string]any{"indicator": "monthly_income", "period": "2026-13", "value": 5}, 422, "period"},
			{"outcome: a day, not a month", http.MethodPost, outc, map[string]any{"indicator": "monthly_income", "period": "2026-01-01", "value": 5}, 422, "period"},
			{"outcome: future month", http.MethodPost, outc, map[string]any{"indicator": "monthly_income", "period": "2099-01", "value": 5}, 422, "period"},
			{"outcome: unknown indicator", http.MethodPost, outc, map[string]any{"indicator": "goats", "period": "2026-01", "value": 5}, 422, "indicator"},
			{"outcome: not enrolled", http.MethodPost, w.base + "/beneficiaries/" + w.other + "/outcomes", map[string]any{"indicator": "monthly_income", "period": "2026-01", "value": 5}, 422, "indicator"},
			{"outcome: missing value", http.MethodPost, outc, map[string]any{"indicator": "monthly_income", "period": "2026-01"}, 422, "value"},
		}
		for _, c := range cases {
			var res *testkit.Response
			if c.status == http.StatusRequestEntityTooLarge {
				res = sendOverConnection(t, e, c.method, c.path, tok, c.body)
			} else {
				res = e.Do(c.method, c.path, tok, c.body)
			}
			if res.Status != c.status {
				t.Errorf("%s: status %d, want %d: %s", c.name, res.Status, c.status, res.Body)
				continue
			}
			if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
				t.Errorf("%s: content type %q", c.name, ct)
			}
			if c.field != "" {
				m := res.Map()
				found := false
				errs, _ := m["errors"].([]any)
				for _, f := range errs {
					found = found || f.(map[string]any)["field"] == c.field
				}
				if !found {
					t.Errorf("%s: no error on %s: %s", c.name, c.field, res.Body)
				}
			}
		}
		after := tableCounts(t, e)
		for table, n := range before {
			if after[table] != n {
				t.Errorf("%s: %d rows before, %d after refused requests", table, n, after[table])
			}
		}
		// Path ids that are not ids are plain 404s.
		e.Do(http.MethodGet, progs+"/not-an-id", tok, nil).ExpectProblem(http.StatusNotFound, "not_found")
		e.Do(http.MethodGet, w.base+"/beneficiaries/not-an-id/progress", tok, nil).ExpectProblem(http.StatusNotFound, "not_found")
	})
}

// TestKUBEHouseholdsAndDeletedMembers: a KUBE counts households by family
// card, warns outside 5–20, and deleted beneficiaries neither join nor count.
func TestKUBEHouseholdsAndDeletedMembers(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Tenun Bersama")
		pid := e.CreateProgram(g, g.OwnerToken, map[string]any{"template_key": "tenun-ikat", "starts_on": "2026-01-05"})["id"].(string)
		shared := testkit.KK()
		e.Logs.Forbid(shared)
		var ids []string
		for i := 0; i < 6; i++ {
			kk := testkit.KK()
			if i < 2 {
				kk = shared // two women of one household
			}
			e.Logs.Forbid(kk)
			ids = append(ids, e.CreateBeneficiary(g, g.OwnerToken, map[string]any{"kk_number": kk}))
			e.Enroll(g, g.OwnerToken, pid, ids[i])
		}
		p := e.Do(http.MethodGet, "/api/v1/t/"+g.Slug+"/programs/"+pid, g.OwnerToken, nil).Expect(http.StatusOK).Map()
		if p["enrollment_count"].(float64) != 6 || p["households"].(float64) != 5 || len(p["warnings"].([]any)) != 0 {
			t.Fatalf("six members of five households: %v", p)
		}
		// Deleting one of the single households takes the KUBE below five.
		e.Do(http.MethodDelete, "/api/v1/t/"+g.Slug+"/beneficiaries/"+ids[5], g.OwnerToken, nil).Expect(http.StatusNoContent)
		p = e.Do(http.MethodGet, "/api/v1/t/"+g.Slug+"/programs/"+pid, g.OwnerToken, nil).Expect(http.StatusOK).Map()
		warnings := p["warnings"].([]any)
		if p["households"].(float64) != 4 || len(warnings) != 1 || warnings[0].(map[string]any)["code"] != "kube_size" {
			t.Fatalf("after a deletion: %v", p)
		}
		// A deleted beneficiary cannot be enrolled anywhere.
		other := e.CreateProgram(g, g.OwnerToken, map[string]any{"template_key": "kebun-gizi", "starts_on": "2026-01-05"})["id"].(string)
		e.Do(http.MethodPost, "/api/v1/t/"+g.Slug+"/programs/"+other+"/enrollments", g.OwnerToken,
			map[string]any{"beneficiary_id": ids[5]}).ExpectProblem(http.StatusNotFound, "not_found")
		// A closed program takes no one.
		e.Do(http.MethodPatch, "/api/v1/t/"+g.Slug+"/programs/"+other, g.OwnerToken, map[string]any{"status": "closed"}).Expect(http.StatusOK)
		e.Do(http.MethodPost, "/api/v1/t/"+g.Slug+"/programs/"+other+"/enrollments", g.OwnerToken,
			map[string]any{"beneficiary_id": ids[0]}).ExpectProblem(http.StatusConflict, "program_closed")
	})
}

// sendOverConnection announces the oversized body over a real connection:
// over the body limit the server answers before reading it, which app.Test
// cannot show.
func sendOverConnection(t *testing.T, e *testkit.Env, method, path, token string, body any) *testkit.Response {
	t.Helper()
	raw, _ := json.Marshal(body)
	return e.With(t).Oversized(method, path, token, len(raw))
}

// TestWithdrawAndRejoin: a member who leaves drops out of the list, the
// counts and attendance, keeps her outcomes, and can come back.
func TestWithdrawAndRejoin(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		w := newWorld(e, "Keluar Masuk")
		tok := w.g.OwnerToken
		enr := e.Enroll(w.g, tok, w.program, w.other)["id"].(string)
		e.RecordOutcome(w.g, tok, w.other, "monthly_income", "2026-01", 100)
		e.Do(http.MethodDelete, w.base+"/enrollments/"+enr, tok, nil).Expect(http.StatusNoContent)
		e.Do(http.MethodDelete, w.base+"/enrollments/"+enr, tok, nil).ExpectProblem(http.StatusNotFound, "not_found")
		p := e.Do(http.MethodGet, w.base+"/programs/"+w.program, tok, nil).Expect(http.StatusOK).Map()
		members := e.Do(http.MethodGet, w.base+"/programs/"+w.program+"/enrollments", tok, nil).Expect(http.StatusOK).Map()["items"].([]any)
		if p["enrollment_count"].(float64) != 1 || len(members) != 1 {
			t.Fatalf("after withdrawal: %v members %v", p, members)
		}
		e.Do(http.MethodPut, w.base+"/activities/"+w.activity+"/attendance", tok,
			map[string]any{"present": []string{w.other}}).ExpectProblem(http.StatusUnprocessableEntity, "validation_failed")
		// Her history stays: a follow-up measurement and her progress.
		e.RecordOutcome(w.g, tok, w.other, "monthly_income", "2026-02", 150)
		prog := e.Do(http.MethodGet, w.base+"/beneficiaries/"+w.other+"/progress", tok, nil).Expect(http.StatusOK).Map()
		if len(prog["programs"].([]any)) != 1 {
			t.Fatalf("progress after withdrawal = %v", prog)
		}
		// Enrolling again brings the same enrollment back.
		again := e.Enroll(w.g, tok, w.program, w.other)
		if again["id"] != enr {
			t.Fatalf("rejoined as %v, want enrollment %s", again["id"], enr)
		}
		e.Do(http.MethodPut, w.base+"/activities/"+w.activity+"/attendance", tok,
			map[string]any{"present": []string{w.other}}).Expect(http.StatusOK)
	})
}
