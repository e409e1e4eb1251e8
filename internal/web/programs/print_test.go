package programs_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/testkit"
)

// The attendance sheet prints: group, program, activity, day, one numbered
// row per member with her box and room to sign; only the sheet prints.
func TestAttendanceSheetPrints(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Cetak")
		team := e.Team(g)
		api := "/api/v1/t/" + g.Slug
		a := e.CreateBeneficiary(g, g.OwnerToken, map[string]any{"name": "Yuliana Tefa"})
		b := e.CreateBeneficiary(g, g.OwnerToken, map[string]any{"name": "Maria Bria"})
		prog := e.Do(http.MethodPost, api+"/programs", g.OwnerToken,
			map[string]any{"template_key": "tenun-ikat", "starts_on": "2026-01-05"}).Expect(http.StatusCreated).Map()["id"].(string)
		for _, id := range []string{a, b} {
			e.Do(http.MethodPost, api+"/programs/"+prog+"/enrollments", g.OwnerToken, map[string]any{"beneficiary_id": id}).Expect(http.StatusCreated)
		}
		act := e.Do(http.MethodPost, api+"/programs/"+prog+"/activities", g.OwnerToken,
			map[string]any{"title": "Pertemuan Maret", "kind": "pertemuan_kelompok", "held_on": "2026-03-02"}).Expect(http.StatusCreated).Map()["id"].(string)
		e.Do(http.MethodPut, api+"/activities/"+act+"/attendance", g.OwnerToken, map[string]any{"present": []string{a}}).Expect(http.StatusOK)

		sheet := "/t/" + g.Slug + "/activities/" + act + "/attendance/print"
		tr := e.BrowserAs(team[access.Treasurer].Token)
		tr.Get("/t/" + g.Slug + "/activities/" + act + "/attendance").Expect(http.StatusOK).Contains("Cetak daftar hadir")
		tr.Get(sheet).Expect(http.StatusOK).Contains("Daftar hadir", "Kelompok Cetak", "KUBE Tenun Ikat", "Pertemuan Maret",
			"2 Maret 2026", "Tanda tangan", "Yuliana Tefa", "Maria Bria", "☑", "☐", "1 dari 2 hadir", "/static/print.")
		en := e.BrowserAs(g.OwnerToken)
		en.AcceptLanguage = "en"
		en.Get(sheet).Expect(http.StatusOK).Contains("Attendance sheet", "Signature", "1 of 2 present")
		e.BrowserAs(team[access.Viewer].Token).Get(sheet).Expect(http.StatusForbidden)
		other := e.SignupGroup("Kelompok Asing")
		e.BrowserAs(other.OwnerToken).Get(sheet).Expect(http.StatusNotFound)
		// The print styles hide everything but the sheet.
		css := e.BrowserAs(g.OwnerToken).Get("/static/" + e.App.Pages.Assets.URL("print.css")[len("/static/"):]).Expect(http.StatusOK)
		if body := string(css.Body); !containsAll(body, "@media print", "header.top", "nav.main", "footer", "display:none") {
			t.Fatalf("print.css: %s", body)
		}
	})
}

func containsAll(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}
