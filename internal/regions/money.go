package regions

import (
	"fmt"
	"strconv"

	"github.com/peduli/peduli/internal/funds"
	"github.com/peduli/peduli/internal/platform/db"
)

// moneyFigures are a group's ledger totals in IDR minor units.
type moneyFigures struct {
	In, Out, Donations int64
}

// money sums what the group's ledger counts between from and to
// (exclusive), or over all time when from is empty. The ledger belongs to
// funds, which applies its own counting rules (approvals, reversals, host
// transfers), so these figures never differ from the group's own totals.
func money(t *db.Tenant, from, to db.Date) (moneyFigures, error) {
	s, err := funds.CountedSums(t, string(from), string(to))
	if err != nil {
		return moneyFigures{}, err
	}
	return moneyFigures{In: s.Income, Out: s.Expense, Donations: s.Donations}, nil
}

// Rupiah writes an amount in IDR minor units (Rp 1 = 100, as the API and
// the ledger count it) as rupiah for the CSV and XLSX exports, whose
// headers say "(Rp)": whole rupiah without decimals, sen (rare, from
// online gifts) with two.
func Rupiah(minor int64) string {
	sign := ""
	if minor < 0 {
		sign, minor = "-", -minor
	}
	if minor%100 == 0 {
		return sign + strconv.FormatInt(minor/100, 10)
	}
	return fmt.Sprintf("%s%d.%02d", sign, minor/100, minor%100)
}

// rupiahValue is an amount in rupiah as a spreadsheet number.
func rupiahValue(minor int64) float64 { return float64(minor) / 100 }
