package regions

import (
	"context"
	"math"
	"time"

	"gorm.io/gorm"
)

// FundRow is one group's savings, loans and enterprises in the region
// report's CSV and XLSX, as the rollup last published them: they are
// balances at the time of the rollup (FiguresAt), not sums over the
// report's months. Amounts are IDR minor units; the writers print rupiah.
type FundRow struct {
	Name               string
	RegionCode         string
	SavingsBalance     Measure
	LoansOutstanding   Measure
	PAR30              Measure
	EnterprisesActive  Count
	MedianProfitChange Measure
	FiguresAt          *time.Time
}

// ReportFunds returns the fund figures of every group at or below code,
// by name like the report, with their totals last (named "Total"):
// balances and loans add up the amounts shown, PAR30 pools the groups
// whose own PAR30 and loans outstanding were shown, and enterprises add up
// the counts shown (TotalOf); a total resting on suppressed cells alone is
// suppressed too. A median cannot be added up, so the total's
// median profit change is left blank. It reads the rollup only.
func (s *Service) ReportFunds(ctx context.Context, code string) ([]FundRow, error) {
	groups, err := s.groupRows(ctx, code, func(g *gorm.DB) *gorm.DB { return g.Order("t.name, t.slug") })
	if err != nil {
		return nil, err
	}
	out := make([]FundRow, 0, len(groups)+1)
	tot := FundRow{Name: "Total"}
	var savings, loans, atRisk float64
	var anySavings, anyLoans, anyPAR, hiddenSavings, hiddenLoans bool
	var enterprises []Count
	for _, g := range groups {
		out = append(out, FundRow{Name: g.Name, RegionCode: g.RegionCode, SavingsBalance: g.SavingsBalance,
			LoansOutstanding: g.LoansOutstanding, PAR30: g.PAR30, EnterprisesActive: g.EnterprisesActive,
			MedianProfitChange: g.MedianProfitChange, FiguresAt: g.FiguresAt})
		hiddenSavings = hiddenSavings || g.SavingsBalance.Suppressed
		hiddenLoans = hiddenLoans || g.LoansOutstanding.Suppressed
		if g.SavingsBalance.Known {
			savings, anySavings = savings+g.SavingsBalance.Value, true
		}
		if g.LoansOutstanding.Known {
			loans, anyLoans = loans+g.LoansOutstanding.Value, true
			if g.PAR30.Known {
				atRisk, anyPAR = atRisk+g.PAR30.Value*g.LoansOutstanding.Value, true
			}
		}
		enterprises = append(enterprises, g.EnterprisesActive)
	}
	tot.SavingsBalance = Measure{Value: savings, Known: anySavings, Suppressed: !anySavings && hiddenSavings}
	tot.LoansOutstanding = Measure{Value: loans, Known: anyLoans, Suppressed: !anyLoans && hiddenLoans}
	if anyPAR && loans > 0 {
		tot.PAR30 = Measure{Value: math.Round(atRisk/loans*10_000) / 10_000, Known: true}
	}
	tot.EnterprisesActive = TotalOf(enterprises...)
	return append(out, tot), nil
}

// rupiahCell is a published amount as the CSV prints it: rupiah, "<5"
// when suppressed, blank when unknown.
func rupiahCell(m Measure) string {
	if !m.Known {
		return m.String()
	}
	return Rupiah(int64(math.Round(m.Value)))
}

// rupiahCellValue is the same cell for the XLSX: a number in rupiah, or text.
func rupiahCellValue(m Measure) any {
	if !m.Known {
		return m.String()
	}
	return rupiahValue(int64(math.Round(m.Value)))
}
