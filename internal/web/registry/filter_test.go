package registry_test

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/testkit"
)

// The list narrows by PRSE result, program and consent, on the page (the
// filters survive the next page and a search) and in the API.
func TestBeneficiaryListFilters(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Saring")
		team := e.Team(g)
		api := "/api/v1/t/" + g.Slug + "/beneficiaries"
		prse := e.CreateBeneficiary(g, g.OwnerToken, map[string]any{"name": "Yuliana Tefa"})
		not := e.CreateBeneficiary(g, g.OwnerToken, map[string]any{"name": "Maria Bria"})
		unassessed := e.CreateBeneficiary(g, g.OwnerToken, map[string]any{"name": "Dorkas Nitbani",
			"consent": map[string]any{"purposes": []string{"services"}}})
		e.Do(http.MethodPost, api+"/"+prse+"/assessments", g.OwnerToken,
			map[string]any{"assessed_on": "2026-03-01", "monthly_income": 500_000_00}).Expect(http.StatusCreated)
		e.Do(http.MethodPost, api+"/"+not+"/assessments", g.OwnerToken,
			map[string]any{"assessed_on": "2026-03-01", "monthly_income": 10_000_000_00}).Expect(http.StatusCreated)
		prog := e.Do(http.MethodPost, "/api/v1/t/"+g.Slug+"/programs", g.OwnerToken,
			map[string]any{"template_key": "tenun-ikat", "starts_on": "2026-01-05"}).Expect(http.StatusCreated).Map()["id"].(string)
		e.Do(http.MethodPost, "/api/v1/t/"+g.Slug+"/programs/"+prog+"/enrollments", g.OwnerToken,
			map[string]any{"beneficiary_id": not}).Expect(http.StatusCreated)

		ids := func(query string) []string {
			t.Helper()
			var out []string
			for _, it := range e.Do(http.MethodGet, api+"?"+query, g.OwnerToken, nil).Expect(http.StatusOK).Map()["items"].([]any) {
				out = append(out, it.(map[string]any)["id"].(string))
			}
			slices.Sort(out)
			return out
		}
		sorted := func(s ...string) []string { slices.Sort(s); return s }
		for q, want := range map[string][]string{
			"prse=yes": {prse}, "prse=no": {not}, "prse=unknown": {unassessed},
			"program=" + prog: {not}, "consent=sharing": sorted(prse, not), "consent=services": sorted(prse, not, unassessed),
			"consent=sharing&prse=yes": {prse}, "program=" + prog + "&prse=yes": nil,
		} {
			if got := ids(q); !slices.Equal(got, want) {
				t.Errorf("%s: %v, want %v", q, got, want)
			}
		}
		e.Do(http.MethodGet, api+"?prse=maybe", g.OwnerToken, nil).ExpectProblem(http.StatusUnprocessableEntity, "validation_failed")
		other := e.SignupGroup("Kelompok Lain")
		otherProg := e.Do(http.MethodPost, "/api/v1/t/"+other.Slug+"/programs", other.OwnerToken,
			map[string]any{"template_key": "tenun-ikat", "starts_on": "2026-01-05"}).Expect(http.StatusCreated).Map()["id"].(string)
		e.Do(http.MethodGet, api+"?program="+otherProg, g.OwnerToken, nil).ExpectProblem(http.StatusUnprocessableEntity, "validation_failed")

		// The page: a facilitator filters with a plain GET form.
		base := "/t/" + g.Slug + "/beneficiaries"
		fac := e.BrowserAs(team[access.Facilitator].Token)
		fac.Get(base).Expect(http.StatusOK).Contains("Saring daftar", "Hasil penilaian PRSE", "Peserta program", "KUBE Tenun Ikat", "Belum ada persetujuan")
		fac.Get(base+"?prse=yes").Expect(http.StatusOK).Contains("Yuliana Tefa", `<option value="yes" selected>`, "Hapus saringan").
			Lacks("Maria Bria", "Dorkas Nitbani")
		fac.Get(base+"?program="+prog).Expect(http.StatusOK).Contains("Maria Bria").Lacks("Yuliana Tefa", "Dorkas Nitbani")
		fac.Get(base + "?consent=none").Expect(http.StatusOK).Contains("Tidak ada nama yang cocok.").Lacks("Yuliana Tefa")
		// A search keeps the filters.
		fac.Post(base+"/search", testkit.Form("q", "a", "prse", "unknown")).Expect(http.StatusOK).Contains("Dorkas Nitbani").
			Lacks("Yuliana Tefa", "Maria Bria")
		en := e.BrowserAs(team[access.Facilitator].Token)
		en.AcceptLanguage = "en"
		en.Get(base).Expect(http.StatusOK).Contains("Filter the list", "Not assessed", "No consent recorded")
	})
}

// The owner downloads the filtered list as CSV and as a workbook, headers
// in her language, every person audited as a personal read, and a name
// typed as a formula stays text; a viewer may not download.
func TestBeneficiaryListExport(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Unduh")
		team := e.Team(g)
		api := "/api/v1/t/" + g.Slug + "/beneficiaries"
		a := e.CreateBeneficiary(g, g.OwnerToken, map[string]any{"name": "=HYPERLINK(\"http://x\")", "phone": "081234567890"})
		b := e.CreateBeneficiary(g, g.OwnerToken, map[string]any{"name": "Maria Bria"})
		e.Do(http.MethodPost, api+"/"+b+"/assessments", g.OwnerToken,
			map[string]any{"assessed_on": "2026-03-01", "monthly_income": 500_000_00}).Expect(http.StatusCreated)
		base := "/t/" + g.Slug + "/beneficiaries"
		owner := e.BrowserAs(g.OwnerToken)
		owner.Get(base).Expect(http.StatusOK).Contains("Unduh daftar (CSV)", "Unduh daftar (Excel)")
		before := e.CountRows("audit_events", g.TenantID)

		res := owner.Get(base + "/download?format=csv").Expect(http.StatusOK)
		if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") ||
			!strings.Contains(res.Header.Get("Content-Disposition"), "attachment") {
			t.Fatalf("csv headers %q %q", ct, res.Header.Get("Content-Disposition"))
		}
		rows, err := csv.NewReader(bytes.NewReader(res.Body)).ReadAll()
		if err != nil || len(rows) != 3 {
			t.Fatalf("csv %q: %v", res.Body, err)
		}
		if !slices.Equal(rows[0][:3], []string{"Nama", "NIK", "Nomor HP"}) || rows[1][0] != `'=HYPERLINK("http://x")` ||
			rows[1][2] != "081234567890" || rows[2][0] != "Maria Bria" || rows[2][5] != "PRSE" || len(rows[2][1]) != 16 {
			t.Fatalf("csv rows %q", rows)
		}
		if got := e.CountRows("audit_events", g.TenantID) - before; got != 2 {
			t.Fatalf("%d audit events for an export of 2 people", got)
		}
		// Filtered, English, a workbook.
		en := e.BrowserAs(g.OwnerToken)
		en.AcceptLanguage = "en"
		res = en.Get(base + "/download?format=xlsx&prse=yes").Expect(http.StatusOK)
		f, err := excelize.OpenReader(bytes.NewReader(res.Body))
		if err != nil {
			t.Fatal(err)
		}
		sheet := f.GetSheetName(0)
		xrows, err := f.GetRows(sheet)
		if err != nil || len(xrows) != 2 || xrows[0][0] != "Name" || xrows[1][0] != "Maria Bria" || xrows[1][5] != "PRSE" {
			t.Fatalf("xlsx rows %q: %v", xrows, err)
		}
		owner.Get(base + "/download?format=pdf").Expect(http.StatusUnprocessableEntity)

		e.BrowserAs(team[access.Viewer].Token).Get(base + "/download?format=csv").Expect(http.StatusForbidden)
		other := e.SignupGroup("Kelompok Lain")
		e.BrowserAs(other.OwnerToken).Get(base + "/download?format=csv").Expect(http.StatusNotFound)
		_ = a
	})
}

// A member card prints her name, group, village and number, never her NIK
// or phone, and is not a personal read.
func TestMemberCardPrints(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Kartu")
		team := e.Team(g)
		id := e.CreateBeneficiary(g, g.OwnerToken, map[string]any{"name": "Yuliana Tefa", "phone": "081234567890"})
		base := "/t/" + g.Slug + "/beneficiaries/" + id
		fac := e.BrowserAs(team[access.Facilitator].Token)
		fac.Get(base).Expect(http.StatusOK).Contains("Cetak kartu peserta")
		before := e.CountRows("audit_events", g.TenantID)
		fac.Get(base+"/card").Expect(http.StatusOK).Contains("Kartu peserta", "Kelompok Kartu", "Yuliana Tefa", "Penfui Timur",
			"Terdaftar sejak", id[len(id)-8:], "/static/print.").Lacks("081234567890", "+6281234567890", "********")
		if n := e.CountRows("audit_events", g.TenantID); n != before {
			t.Fatalf("printing a card wrote %d audit events", n-before)
		}
		e.BrowserAs(team[access.Viewer].Token).Get(base + "/card").Expect(http.StatusForbidden)
		other := e.SignupGroup("Kelompok Lain")
		e.BrowserAs(other.OwnerToken).Get(base + "/card").Expect(http.StatusNotFound)
	})
}
