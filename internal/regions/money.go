package regions

import (
	"fmt"
	"strconv"
)

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
