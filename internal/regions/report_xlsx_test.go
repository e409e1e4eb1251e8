package regions

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/peduli/peduli/internal/tenancy"
)

// sampleReport is a report of n groups with suppressed, unknown, text that
// looks like a formula, and money cells, and its fund rows.
func sampleReport(n int) (*Report, []FundRow) {
	at := time.Date(2026, 3, 4, 5, 6, 0, 0, time.UTC)
	r := &Report{Region: tenancy.Region{Code: "53.01", Name: "Kupang"}, From: "2026-02-01", To: "2026-04-30",
		GeneratedAt: at, GeneratedBy: "Koordinator <k@example.org>"}
	var funds []FundRow
	for i := 0; i < n; i++ {
		name := fmt.Sprintf("Group %05d", i)
		if i == 1 {
			name = "=HYPERLINK(\"x\")"
		}
		row := ReportRow{Slug: fmt.Sprintf("g%d", i), Name: name, RegionCode: "53.01.08.2011",
			People:     PeopleCells{Served: Publish(i % 40), PRSE: Publish(i % 7), Other: Publish(i % 13)},
			Programs:   []ProgramCell{{Template: "", Programs: i % 3}, {Template: "ugb", Programs: 1}},
			Attendance: AttendanceCells{Activities: i % 12, People: Publish(i % 30), Rate: Measure{Value: float64(i%100) / 100, Known: i%5 != 0, Suppressed: i%9 == 0}},
			Outcomes:   []OutcomeCell{{Indicator: "income", People: Publish(i % 11), MedianChange: Measure{Value: float64(i * 1000), Known: i%4 != 0}}},
			Money:      MoneyCells{In: int64(i) * 12345, Out: int64(i) * 678, Donations: int64(i%3) * 100000}}
		r.Groups = append(r.Groups, row)
		var fa *time.Time
		if i%2 == 0 {
			fa = &at
		}
		funds = append(funds, FundRow{Name: name, RegionCode: "53.01.08.2011", SavingsBalance: Measure{Value: float64(i) * 5000, Known: true},
			LoansOutstanding: Measure{Value: float64(i) * 700, Known: i%3 != 0}, PAR30: Measure{Value: 0.05, Known: true, Suppressed: i%8 == 0},
			EnterprisesActive: Publish(i % 9), MedianProfitChange: Measure{Value: 250, Known: i%6 == 0}, FiguresAt: fa})
	}
	r.Totals = ReportRow{Name: "Total", People: PeopleCells{Served: TotalOf(Publish(10), Publish(3))},
		Programs: []ProgramCell{{Template: "ugb", Programs: n}}, Outcomes: []OutcomeCell{{Indicator: "income", People: Publish(50)}},
		Money: MoneyCells{In: 99, Out: 1}}
	funds = append(funds, FundRow{Name: "Total", SavingsBalance: Measure{Value: 1e6, Known: true}})
	return r, funds
}

// dumpWorkbook describes every sheet of a workbook: its cells' raw values
// and types, each cell's style (font, fill, border, number format), the
// column widths and the frozen panes.
func dumpWorkbook(t testing.TB, b []byte) string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var s strings.Builder
	for _, sheet := range f.GetSheetList() {
		fmt.Fprintf(&s, "sheet %s\n", sheet)
		panes, err := f.GetPanes(sheet)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&s, "panes freeze=%v y=%d top=%s\n", panes.Freeze, panes.YSplit, panes.TopLeftCell)
		for col := 1; col <= 12; col++ {
			name, _ := excelize.ColumnNumberToName(col)
			w, err := f.GetColWidth(sheet, name)
			if err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&s, "width %s %.2f\n", name, w)
		}
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for i, row := range rows {
			for j, v := range row {
				cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
				typ, err := f.GetCellType(sheet, cell)
				if err != nil {
					t.Fatal(err)
				}
				id, err := f.GetCellStyle(sheet, cell)
				if err != nil {
					t.Fatal(err)
				}
				st, err := f.GetStyle(id)
				if err != nil {
					t.Fatal(err)
				}
				style := ""
				if st.Font != nil {
					style += fmt.Sprintf("font=%v/%v/%s ", st.Font.Bold, st.Font.Size, st.Font.Color)
				}
				style += fmt.Sprintf("fill=%v border=%v numfmt=%d", st.Fill, st.Border, st.NumFmt)
				// Text may be stored shared or inline; what a reader sees is text.
				kind := "number"
				if typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
					kind = "text"
				} else if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
					kind = fmt.Sprint(typ)
				}
				fmt.Fprintf(&s, "%s %q %s %s\n", cell, v, kind, style)
			}
		}
	}
	return s.String()
}

// TestXLSXLayout compares the workbook with the layout it had when cells
// were built in memory (testdata/report_xlsx.golden): the same sheets,
// values, types, styles, widths and panes.
func TestXLSXLayout(t *testing.T) {
	r, funds := sampleReport(30)
	var b bytes.Buffer
	if err := WriteXLSX(&b, r, funds); err != nil {
		t.Fatal(err)
	}
	got := dumpWorkbook(t, b.Bytes())
	if os.Getenv("PEDULI_UPDATE_GOLDEN") != "" {
		if err := os.WriteFile("testdata/report_xlsx.golden", []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile("testdata/report_xlsx.golden")
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := range min(len(gl), len(wl)) {
			if gl[i] != wl[i] {
				t.Fatalf("line %d:\n got %s\nwant %s", i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("got %d lines, want %d", len(gl), len(wl))
	}
}

// BenchmarkWriteXLSX writes the workbook of a province-sized report.
func BenchmarkWriteXLSX(b *testing.B) {
	for _, n := range []int{200, 10000} {
		r, funds := sampleReport(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if err := WriteXLSX(&bytes.Buffer{}, r, funds); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
