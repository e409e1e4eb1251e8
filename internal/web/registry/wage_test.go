package registry_test

import (
	"net/http"
	"testing"

	"github.com/peduli/peduli/internal/testkit"
)

// The reasons of an assessment name the wage they compare with: Kota
// Kupang's own UMK, and for Kabupaten Kupang, which sets none, the UMP of
// Nusa Tenggara Timur; in both languages.
func TestAssessmentNamesTheWage(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		for _, c := range []struct {
			region, id, en string
		}{
			{"53.71.02", "Penghasilan keluarganya di bawah UMK Kota Kupang.", "Household income is below the minimum wage of Kota Kupang (UMK)."},
			{"53.01.08.2011", "Penghasilan keluarganya di bawah UMP Nusa Tenggara Timur.", "Household income is below the provincial minimum wage of Nusa Tenggara Timur (UMP)."},
		} {
			g := e.SignupGroupIn("Kelompok Upah "+c.region, c.region)
			loc := "/t/" + g.Slug + "/beneficiaries/" + e.CreateBeneficiary(g, g.OwnerToken, map[string]any{"name": "Ibu Upah"})
			b := e.BrowserAs(g.OwnerToken)
			b.Get(loc + "/assess").Expect(http.StatusOK)
			b.Post(loc+"/assess", testkit.Form("birth_date", "1988-03-14", "female", "on", "marital_status", "widowed",
				"monthly_income", "Rp 750.000", "dependents", "3", "assessed_on", "2026-03-01")).ExpectRedirect(loc + "#assessments")
			b.Get(loc).Expect(http.StatusOK).Contains(c.id).Lacks("di bawah UMK.")
			b.AcceptLanguage = "en"
			b.Get(loc).Expect(http.StatusOK).Contains(c.en)
		}
	})
}
