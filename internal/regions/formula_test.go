package regions_test

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/peduli/peduli/internal/regions"
	"github.com/peduli/peduli/internal/testkit"
)

// formulaCorpus are group names a spreadsheet would read as a formula once
// it skips what a person cannot see.
var formulaCorpus = []string{
	"=HYPERLINK(\"http://x.example\",\"a\")", "+1+1", "-1+1", "@SUM(A1)",
	" =1+1", "   +1", "\u00a0=1+1", "\n=1+1", "\r\n=1+1", "\u200b=1+1", "\u200d\u2060@SUM(A1)", "\ufeff-1",
	"\u3000=1", "＝1+1", "＋1", "－1", "＠SUM(A1)", " ＝1", "\t1", "\r1",
}

// safeNames stay as they were typed.
var safeNames = []string{"Rindu Sejahtera", "Kelompok 1-2", "A=B", "Ibu @Maria"}

// TestRegionExportsNeutraliseFormulas renames a group to each name of the
// corpus (as old data would hold it) and reads the region's CSV and XLSX:
// every such name comes back behind an apostrophe and no cell is a formula.
func TestRegionExportsNeutraliseFormulas(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroupIn("Kelompok Rumus", "53.01.08.2011")
		co := e.Coordinator("53.01.08")
		for _, name := range append(append([]string{}, formulaCorpus...), safeNames...) {
			if err := e.Owner.Global(t.Context()).Exec("UPDATE tenants SET name = ? WHERE id = ?", name, g.TenantID).Error; err != nil {
				t.Fatal(err)
			}
			want := name
			if !contains(safeNames, name) {
				want = "'" + name
			}
			res := e.Do(http.MethodGet, "/api/v1/regions/53.01.08/report?format=csv", co.Token, nil).Expect(http.StatusOK)
			recs, err := csv.NewReader(bytes.NewReader(res.Body)).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			// a CSV reader turns a quoted CRLF into LF
			if csvWant := strings.ReplaceAll(want, "\r\n", "\n"); !hasCell(recs, csvWant) {
				t.Errorf("CSV: name %q is not written as %q", name, want)
			}
			if hasCell(recs, strings.ReplaceAll(name, "\r\n", "\n")) && want != name {
				t.Errorf("CSV: name %q is written unguarded", name)
			}

			x := e.Do(http.MethodGet, "/api/v1/regions/53.01.08/report?format=xlsx", co.Token, nil).Expect(http.StatusOK)
			f, err := excelize.OpenReader(bytes.NewReader(x.Body))
			if err != nil {
				t.Fatal(err)
			}
			rows, err := f.GetRows(regions.SheetGroups)
			if err != nil {
				t.Fatal(err)
			}
			if !hasCell(rows, want) {
				t.Errorf("XLSX: name %q is not written as %q", name, want)
			}
			for i := range rows {
				cell, _ := excelize.CoordinatesToCellName(1, i+1)
				if formula, _ := f.GetCellFormula(regions.SheetGroups, cell); formula != "" {
					t.Errorf("XLSX: %s is a formula %q", cell, formula)
				}
			}
			_ = f.Close()
		}
	})
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func hasCell(rows [][]string, s string) bool {
	for _, r := range rows {
		if len(r) > 0 && r[0] == s {
			return true
		}
	}
	return false
}
