package programs_test

import (
	"net/http"
	"testing"

	"github.com/peduli/peduli/internal/testkit"
)

// TestDecimalOutcomes: kilograms take a decimal. A facilitator types
// "1,5" kg in Bahasa Indonesia and "2.5" kg in English; both are stored
// exactly (in tenths: 15 and 25) and shown back as "1,5 kg" / "2.5 kg".
// Two decimals for a one-decimal unit is refused with every typed value
// kept; money stays whole Rupiah.
func TestDecimalOutcomes(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Kelor Desimal")
		prog := testkit.Str(e.CreateProgram(g, g.OwnerToken, map[string]any{"template_key": "olahan-kelor", "starts_on": "2026-01-05"}), "id")
		yuli := e.CreateBeneficiary(g, g.OwnerToken, map[string]any{"name": "Yuliana Tefa"})
		maria := e.CreateBeneficiary(g, g.OwnerToken, map[string]any{"name": "Maria Bria"})
		e.Enroll(g, g.OwnerToken, prog, yuli)
		e.Enroll(g, g.OwnerToken, prog, maria)
		base := "/t/" + g.Slug + "/programs/" + prog + "/outcomes"
		cell := func(b, k string) string { return "v." + b + "." + k }

		id := e.BrowserAs(g.OwnerToken)
		id.Get(base+"?period=2026-02").Expect(http.StatusOK).Contains("Daun segar yang diolah (kg)", `inputmode="decimal"`)
		id.Post(base, testkit.Form("period", "2026-02", cell(yuli, "fresh_leaves"), "1,5", cell(maria, "fresh_leaves"), "1,25",
			cell(yuli, "monthly_income"), "Rp 750.000")).Expect(http.StatusUnprocessableEntity).
			Contains("boleh dengan koma, misalnya 12 atau 1,5", `value="1,5"`, `value="1,25"`, `value="Rp 750.000"`)
		if n := e.CountRows("outcomes", g.TenantID); n != 0 {
			t.Fatalf("%d outcomes written on bad input", n)
		}
		id.Post(base, testkit.Form("period", "2026-02", cell(yuli, "fresh_leaves"), "1,5", cell(maria, "fresh_leaves"), "12",
			cell(yuli, "monthly_income"), "Rp 750.000")).ExpectRedirect(base + "?period=2026-02")
		id.Get(base+"?period=2026-02").Expect(http.StatusOK).Contains(`value="1,5"`, `value="12"`, `value="750000"`)

		en := e.BrowserAs(g.OwnerToken)
		en.AcceptLanguage = "en"
		en.Get(base + "?period=2026-03").Expect(http.StatusOK).Contains("Fresh leaves processed (kg)")
		en.Post(base, testkit.Form("period", "2026-03", cell(yuli, "fresh_leaves"), "2.5")).ExpectRedirect(base + "?period=2026-03")
		en.Get(base + "?period=2026-02").Expect(http.StatusOK).Contains(`value="1.5"`)

		// Stored exactly, in tenths of a kilogram, as the API says.
		got := map[string]float64{}
		for _, o := range e.Do(http.MethodGet, "/api/v1/t/"+g.Slug+"/beneficiaries/"+yuli+"/outcomes", g.OwnerToken, nil).
			Expect(http.StatusOK).Map()["items"].([]any) {
			m := o.(map[string]any)
			got[m["indicator"].(string)+"@"+m["period"].(string)] = m["value"].(float64)
		}
		if got["fresh_leaves@2026-02"] != 15 || got["fresh_leaves@2026-03"] != 25 || got["monthly_income@2026-02"] != 75000000 {
			t.Fatalf("stored outcomes %v", got)
		}
		// Her page shows the first and latest in each language.
		id.Get("/t/"+g.Slug+"/beneficiaries/"+yuli).Expect(http.StatusOK).Contains("1,5 kg", "2,5 kg")
		en.Get("/t/"+g.Slug+"/beneficiaries/"+yuli).Expect(http.StatusOK).Contains("1.5 kg", "2.5 kg")
	})
}
