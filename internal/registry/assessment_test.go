package registry_test

import (
	"net/http"
	"slices"
	"testing"

	"github.com/peduli/peduli/internal/testkit"
)

// umk2025 and umk2026 are the NTT minimum wages Kabupaten Kupang follows.
const (
	umk2025 = 232896900
	umk2026 = 245589800
)

func codes(a map[string]any) []string {
	var out []string
	for _, r := range a["reasons"].([]any) {
		m := r.(map[string]any)
		if m["text"] == "" {
			out = append(out, "NO TEXT "+m["code"].(string))
		}
		out = append(out, m["code"].(string))
	}
	return out
}

func TestAssessmentTakesFactsFromRecordAndBody(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Rindu Sejahtera")
		e.Logs.Forbid("100000000")
		id := e.CreateBeneficiary(g, g.OwnerToken, map[string]any{"monthly_income": 100000000})
		url := beneficiariesURL(g) + "/" + id + "/assessments"

		a := e.Do(http.MethodPost, url, g.OwnerToken, map[string]any{"assessed_on": "2026-03-01"}).Expect(http.StatusCreated).Map()
		if a["eligible_prse"] != true || a["age"] != float64(40) || a["id"] == "" ||
			!slices.Equal(codes(a), []string{"age_in_range", "female", "income_below_minimum_wage"}) {
			t.Fatalf("assessment = %v", a)
		}
		facts := a["facts"].(map[string]any)
		if facts["minimum_wage"] != float64(umk2026) || facts["monthly_income"] != float64(100000000) {
			t.Errorf("facts = %v", facts)
		}
		if v := get(e, g, g.OwnerToken, id); v["eligible_prse"] != true {
			t.Errorf("record eligible_prse = %v", v["eligible_prse"])
		}
		// An empty body is valid: today's assessment of the record.
		e.Do(http.MethodPost, url, g.OwnerToken, "{}").Expect(http.StatusCreated)
		e.Do(http.MethodPost, url, g.OwnerToken, nil).Expect(http.StatusCreated)

		cases := []struct {
			name     string
			body     map[string]any
			eligible bool
			reasons  []string
		}{
			{"income at the UMK", map[string]any{"assessed_on": "2026-03-01", "monthly_income": umk2026}, false,
				[]string{"age_in_range", "female", "income_at_or_above_minimum_wage"}},
			{"income one below the UMK", map[string]any{"assessed_on": "2026-03-01", "monthly_income": umk2026 - 1}, true,
				[]string{"age_in_range", "female", "income_below_minimum_wage"}},
			{"the year's own UMK", map[string]any{"assessed_on": "2025-06-01", "monthly_income": umk2025}, false,
				[]string{"age_in_range", "female", "income_at_or_above_minimum_wage"}},
			{"no wage known for the year", map[string]any{"assessed_on": "2020-06-01"}, false,
				[]string{"age_in_range", "female", "minimum_wage_unknown"}},
			{"aged 17", map[string]any{"assessed_on": "2026-03-01", "birth_date": "2008-03-02"}, false,
				[]string{"age_out_of_range", "female", "income_below_minimum_wage"}},
			{"aged 18", map[string]any{"assessed_on": "2026-03-01", "birth_date": "2008-03-01"}, true,
				[]string{"age_in_range", "female", "income_below_minimum_wage"}},
			{"aged 59", map[string]any{"assessed_on": "2026-03-01", "birth_date": "1966-03-02"}, true,
				[]string{"age_in_range", "female", "income_below_minimum_wage"}},
			{"aged 60", map[string]any{"assessed_on": "2026-03-01", "birth_date": "1966-03-01"}, false,
				[]string{"age_out_of_range", "female", "income_below_minimum_wage"}},
			{"vulnerability factors", map[string]any{"assessed_on": "2026-03-01", "household_head": true, "marital_status": "abandoned",
				"dependents": 4, "disability": true, "education": "none"}, true,
				[]string{"age_in_range", "female", "income_below_minimum_wage", "main_breadwinner", "abandoned_or_widowed",
					"many_dependents", "disability_in_household", "low_education"}},
			{"not a woman", map[string]any{"assessed_on": "2026-03-01", "female": false}, false,
				[]string{"age_in_range", "not_female", "income_below_minimum_wage"}},
		}
		for _, c := range cases {
			a := e.Do(http.MethodPost, url, g.OwnerToken, c.body).Expect(http.StatusCreated).Map()
			if a["eligible_prse"] != c.eligible || !slices.Equal(codes(a), c.reasons) {
				t.Errorf("%s: eligible %v, reasons %v; want %v %v", c.name, a["eligible_prse"], codes(a), c.eligible, c.reasons)
			}
		}
		// Income unknown on the record: never eligible by accident.
		unknown := e.CreateBeneficiary(g, g.OwnerToken, nil)
		a = e.Do(http.MethodPost, beneficiariesURL(g)+"/"+unknown+"/assessments", g.OwnerToken, map[string]any{}).Expect(http.StatusCreated).Map()
		if a["eligible_prse"] != false || !slices.Contains(codes(a), "income_unknown") {
			t.Errorf("unknown income: %v", a)
		}

		// The list shows facts to those who may read personal data, and the
		// read is audited; the facts are sealed at rest.
		list := e.Do(http.MethodGet, url, g.OwnerToken, nil).Expect(http.StatusOK).Map()["items"].([]any)
		if len(list) != 3+len(cases) {
			t.Fatalf("%d assessments listed", len(list))
		}
		first := list[0].(map[string]any)
		if first["facts"] == nil || first["assessed_by"] != g.OwnerID || first["assessed_on"] != "2026-03-01" {
			t.Errorf("first listed = %v", first)
		}
		for _, r := range rows(t, e, "SELECT * FROM assessments WHERE tenant_id = ?", g.TenantID) {
			for col, v := range r {
				if s := testkit.Text(v); col != "id" && col != "beneficiary_id" && (contains(s, "100000000") || len(s) > 0 && s[0] == '{') {
					t.Errorf("assessments.%s holds facts in clear", col)
				}
			}
		}
		if a := auditActions(t, e, g.TenantID, id); a[len(a)-1] != "read_personal" {
			t.Errorf("assessment list not audited: %v", a)
		}
	})
}
