package enterprises_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

// Rp 4.000.000 sales less Rp 1.200.000 costs: Rp 2.800.000 profit, above
// the 2026 minimum wage of Kabupaten Kupang (Rp 2.455.898).
const (
	sales     = 400_000_000
	materials = 100_000_000
	other     = 20_000_000
	profit    = sales - materials - other
)

// TestBooksDriveIncomeAndGraduation: a facilitator records a member's
// enterprise and three months of its book; her progress then shows those
// months' income from the books (a typed figure for the same month is
// overridden, one for another month stays "typed") and she is ready to
// graduate because of them. A loss month breaks the run.
func TestBooksDriveIncomeAndGraduation(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Rindu Tenun")
		team := e.Team(g)
		facil := team[access.Facilitator].Token
		ws := "/api/v1/t/" + g.Slug
		b := e.CreateBeneficiary(g, facil, nil)
		program := testkit.Str(e.CreateProgram(g, facil, map[string]any{"template_key": "tenun-ikat", "starts_on": "2026-01-05"}), "id")
		e.Enroll(g, facil, program, b)

		ent := e.Do(http.MethodPost, ws+"/beneficiaries/"+b+"/enterprises", facil, map[string]any{
			"kind": "tenun-ikat", "name": "Tenun Ibu Yuliana", "started_on": "2026-01-05", "workers": "ibu dan anak perempuan",
		}).Expect(http.StatusCreated).Map()
		id := ent["id"].(string)
		if testkit.Str(ent, "kind_name", "id") != "Tenun ikat" || testkit.Str(ent, "kind_name", "en") != "Ikat weaving" {
			t.Fatalf("enterprise = %v", ent)
		}
		e.RecordOutcome(g, facil, b, "monthly_income", "2026-07", 100)
		e.RecordOutcome(g, facil, b, "monthly_income", "2026-09", 1)
		e.Logs.Forbid(fmt.Sprint(sales), fmt.Sprint(profit))
		for _, p := range []string{"2026-08", "2026-09", "2026-10"} {
			got := e.Do(http.MethodPut, ws+"/enterprises/"+id+"/books/"+p, facil, map[string]any{
				"sales": sales, "costs": map[string]any{"materials": materials, "other": other}, "days_worked": 20,
			}).Expect(http.StatusOK).Map()
			if got["period"] != p || got["profit"].(float64) != profit || got["costs"].(map[string]any)["materials"].(float64) != materials {
				t.Fatalf("book %s = %v", p, got)
			}
		}
		progress := func() map[string]any {
			return e.Do(http.MethodGet, ws+"/beneficiaries/"+b+"/progress", facil, nil).Expect(http.StatusOK).Map()
		}
		pr := progress()
		income := pr["monthly_income"].([]any)
		want := []string{"2026-07 100 typed", fmt.Sprintf("2026-08 %d books", profit), fmt.Sprintf("2026-09 %d books", profit),
			fmt.Sprintf("2026-10 %d books", profit)}
		if len(income) != len(want) {
			t.Fatalf("monthly_income = %v", income)
		}
		for i, w := range want {
			p := income[i].(map[string]any)
			if got := fmt.Sprintf("%s %.0f %s", p["period"], p["value"], p["source"]); got != w {
				t.Fatalf("monthly_income[%d] = %s, want %s", i, got, w)
			}
		}
		grad := pr["programs"].([]any)[0].(map[string]any)["graduation"].(map[string]any)
		if pr["graduation_ready"] != true || grad["income_source"] != "books" {
			t.Fatalf("graduation = %v (ready %v)", grad, pr["graduation_ready"])
		}
		// A loss in October: no income that month, so no graduation.
		e.Do(http.MethodPut, ws+"/enterprises/"+id+"/books/2026-10", facil, map[string]any{
			"sales": 10_000_000, "costs": map[string]any{"materials": 50_000_000},
		}).Expect(http.StatusOK)
		pr = progress()
		last := pr["monthly_income"].([]any)[3].(map[string]any)
		if pr["graduation_ready"] != false || last["value"].(float64) != 0 || last["source"] != "books" {
			t.Fatalf("after a loss: ready %v, October %v", pr["graduation_ready"], last)
		}

		// Refused input changes nothing.
		for _, c := range []struct {
			period string
			body   map[string]any
		}{
			{"2026-13", map[string]any{"sales": 1}},
			{"2025-12", map[string]any{"sales": 1}}, // before the enterprise started
			{"2099-01", map[string]any{"sales": 1}},
			{"2026-05", map[string]any{"sales": -1}},
			{"2026-05", map[string]any{"costs": map[string]any{"other": 1}}},
			{"2026-05", map[string]any{"sales": 1, "days_worked": 40}},
		} {
			e.Do(http.MethodPut, ws+"/enterprises/"+id+"/books/"+c.period, facil, c.body).ExpectProblem(http.StatusUnprocessableEntity, "validation_failed")
		}
		e.Do(http.MethodPut, ws+"/enterprises/"+id+"/books/2026-05", facil, `{"sales":"banyak"}`).ExpectProblem(http.StatusBadRequest, "malformed_request")
		for _, body := range []map[string]any{
			{"kind": "batik-tulis", "name": "X", "started_on": "2026-01-01"},
			{"kind": "tenun-ikat", "name": "", "started_on": "2026-01-01"},
			{"kind": "tenun-ikat", "name": "X", "started_on": "2099-01-01"},
		} {
			e.Do(http.MethodPost, ws+"/beneficiaries/"+b+"/enterprises", facil, body).ExpectProblem(http.StatusUnprocessableEntity, "validation_failed")
		}
		books := e.Do(http.MethodGet, ws+"/enterprises/"+id+"/books", facil, nil).Expect(http.StatusOK).Map()["items"].([]any)
		list := e.Do(http.MethodGet, ws+"/beneficiaries/"+b+"/enterprises", facil, nil).Expect(http.StatusOK).Map()["items"].([]any)
		if len(books) != 3 || len(list) != 1 {
			t.Fatalf("%d books, %d enterprises after refused writes", len(books), len(list))
		}

		// Treasurers do not write books; viewers see neither books nor enterprises.
		e.Do(http.MethodPut, ws+"/enterprises/"+id+"/books/2026-05", team[access.Treasurer].Token, map[string]any{"sales": 1}).ExpectProblem(http.StatusForbidden, "forbidden")
		e.Do(http.MethodGet, ws+"/enterprises/"+id+"/books", team[access.Viewer].Token, nil).ExpectProblem(http.StatusForbidden, "forbidden")
		e.Do(http.MethodGet, ws+"/beneficiaries/"+b+"/enterprises", team[access.Viewer].Token, nil).ExpectProblem(http.StatusForbidden, "forbidden")
		other := e.SignupGroup("Kelompok Lain")
		e.Do(http.MethodGet, "/api/v1/t/"+other.Slug+"/enterprises/"+id+"/books", other.OwnerToken, nil).ExpectProblem(http.StatusNotFound, "not_found")
		e.Do(http.MethodPut, "/api/v1/t/"+other.Slug+"/enterprises/"+id+"/books/2026-05", other.OwnerToken, map[string]any{"sales": 1}).ExpectProblem(http.StatusNotFound, "not_found")

		// The figures are sealed at rest, and reading them is audited.
		var rows []map[string]any
		if err := e.Owner.Global(t.Context()).Raw("SELECT * FROM enterprise_books WHERE tenant_id = ?", g.TenantID).Scan(&rows).Error; err != nil || len(rows) != 3 {
			t.Fatalf("rows %v: %v", len(rows), err)
		}
		for _, r := range rows {
			for col, v := range r {
				if s := fmt.Sprint(v); strings.Contains(s, fmt.Sprint(sales)) || strings.Contains(s, fmt.Sprint(profit)) {
					t.Fatalf("column %s holds a figure in clear: %s", col, s)
				}
			}
		}
		var reads int64
		if err := e.Owner.Global(t.Context()).Table("audit_events").Where("tenant_id = ? AND action = ? AND entity_id = ? AND fields = ?",
			g.TenantID, "read_personal", b, "enterprise_books").Count(&reads).Error; err != nil || reads != 1 {
			t.Fatalf("audited book reads = %d, %v", reads, err)
		}

		// Erasure takes the books; her typed income stays the programs' to erase.
		if err := e.App.Enterprises.Erase(t.Context(), e.App.DB.Scope(g.TenantID), b); err != nil {
			t.Fatal(err)
		}
		if n := len(e.Do(http.MethodGet, ws+"/enterprises/"+id+"/books", facil, nil).Expect(http.StatusOK).Map()["items"].([]any)); n != 0 {
			t.Fatalf("%d books after erasure", n)
		}
		for _, p := range progress()["monthly_income"].([]any) {
			if p.(map[string]any)["source"] == "books" {
				t.Fatalf("income from books after erasure: %v", p)
			}
		}
	})
}

// TestKindsAreProvisioned: the catalogue lists the provisioned kinds in
// both languages to any signed-in user.
func TestKindsAreProvisioned(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Rindu Tenun")
		items := e.Do(http.MethodGet, "/api/v1/enterprise-kinds", g.OwnerToken, nil).Expect(http.StatusOK).Map()["items"].([]any)
		found := false
		for _, it := range items {
			k := it.(map[string]any)
			found = found || (k["key"] == "tenun-ikat" && testkit.Str(k, "name", "en") == "Ikat weaving")
		}
		if !found || len(items) < 8 {
			t.Fatalf("kinds = %v", items)
		}
		e.Do(http.MethodGet, "/api/v1/enterprise-kinds", "", nil).ExpectProblem(http.StatusUnauthorized, "unauthenticated")
	})
}
