package regions

import (
	"encoding/csv"
	"io"
	"strconv"
	"time"
)

// CSVHeader names the columns of the CSV report: one row per group and
// figure, in long form so new programs or indicators add rows, not columns.
var CSVHeader = []string{"group", "region_code", "section", "item", "value"}

// WriteCSV writes the report as CSV; suppressed cells read "<5", and the
// totals are the rows whose group is "Total". Money is in rupiah, its item
// named with the unit ("in (Rp)"), as in the XLSX; the JSON keeps IDR minor
// units like the rest of the API.
//
// Fund rows (section "funds") follow, one set per group and the totals:
// balances at the time of the rollup (item "figures_at"), not sums over
// the report's months.
func WriteCSV(w io.Writer, r *Report, funds []FundRow) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	for _, row := range append(append([]ReportRow{}, r.Groups...), r.Totals) {
		for _, rec := range csvRecords(row) {
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
	}
	for _, f := range funds {
		for _, rec := range fundRecords(f) {
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// The CSV's fund items: amounts in rupiah, the unit in the name.
const (
	SavingsBalanceRp     = "savings_balance (Rp)"
	LoansOutstandingRp   = "loans_outstanding (Rp)"
	MedianProfitChangeRp = "median_profit_change (Rp)"
)

func fundRecords(f FundRow) [][]string {
	name := spreadsheetText(f.Name)
	rec := func(item, value string) []string { return []string{name, f.RegionCode, "funds", item, value} }
	at := ""
	if f.FiguresAt != nil {
		at = f.FiguresAt.UTC().Format(time.RFC3339)
	}
	return [][]string{
		rec(SavingsBalanceRp, rupiahCell(f.SavingsBalance)),
		rec(LoansOutstandingRp, rupiahCell(f.LoansOutstanding)),
		rec("par30", f.PAR30.String()),
		rec("enterprises_active", f.EnterprisesActive.String()),
		rec(MedianProfitChangeRp, rupiahCell(f.MedianProfitChange)),
		rec("figures_at", at),
	}
}

func csvRecords(row ReportRow) [][]string {
	name, code := spreadsheetText(row.Name), row.RegionCode
	rec := func(section, item, value string) []string { return []string{name, code, section, item, value} }
	out := [][]string{
		rec("people", "served", row.People.Served.String()),
		rec("people", "prse", row.People.PRSE.String()),
		rec("people", "other", row.People.Other.String()),
		rec("attendance", "activities", strconv.Itoa(row.Attendance.Activities)),
		rec("attendance", "people", row.Attendance.People.String()),
		rec("attendance", "rate", row.Attendance.Rate.String()),
	}
	for _, p := range row.Programs {
		out = append(out, rec("programs", spreadsheetText(templateLabel(p.Template)), strconv.Itoa(p.Programs)))
	}
	for _, o := range row.Outcomes {
		out = append(out, rec("outcomes", spreadsheetText(o.Indicator+".people"), o.People.String()),
			rec("outcomes", spreadsheetText(o.Indicator+".median_change"), o.MedianChange.String()))
	}
	out = append(out,
		rec("money", MoneyInRp, Rupiah(row.Money.In)),
		rec("money", MoneyOutRp, Rupiah(row.Money.Out)),
		rec("money", DonationsRp, Rupiah(row.Money.Donations)))
	return out
}

// The CSV's money items: amounts in rupiah, the unit in the name.
const (
	MoneyInRp   = "in (Rp)"
	MoneyOutRp  = "out (Rp)"
	DonationsRp = "donations (Rp)"
)

// templateLabel names programs of no template.
func templateLabel(key string) string {
	if key == "" {
		return "(own design)"
	}
	return key
}
