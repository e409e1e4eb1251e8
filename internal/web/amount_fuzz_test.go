package web

import (
	"strings"
	"testing"
)

// FuzzParseRupiah: any text either fails cleanly or gives a non-negative
// amount within the limit that reads back to the same amount.
func FuzzParseRupiah(f *testing.F) {
	for _, s := range []string{"Rp 1.500.000", "1.500.000,50", "1,500,000.5", "1500000", "Rp. 0", "",
		"-5", "1.50.000", "99999999999999", "rp 1 000", "1e9", "١٢٣", "1.000.000.000.000,99", "Rp 500.000,-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseRupiah(s)
		if err != nil {
			if n != 0 {
				t.Fatalf("error with an amount: %q → %d", s, n)
			}
			return
		}
		if n < 0 || n > amountLimit*100+99 {
			t.Fatalf("%q → %d is out of range", s, n)
		}
		back, err := ParseRupiah(RupiahInput(n))
		if err != nil || back != n {
			t.Fatalf("%q → %d → %q → %d, %v", s, n, RupiahInput(n), back, err)
		}
		// Only the written-out ",-" of "Rp 500.000,-" may carry a dash.
		if strings.Contains(strings.TrimSuffix(strings.TrimSpace(s), "-"), "-") {
			t.Fatalf("a negative-looking %q was accepted as %d", s, n)
		}
	})
}

// FuzzParseDecimal: a measurement with 0–2 decimals either fails cleanly or
// reads back to the same value from the input form of either language.
func FuzzParseDecimal(f *testing.F) {
	for _, s := range []string{"1,5", "1.5", "12", "1,25", "0,5", "1.500", "1.500,5", "1,500.5", "", "-1,5", "1,555"} {
		f.Add(s, uint8(1))
	}
	f.Fuzz(func(t *testing.T, s string, d uint8) {
		decimals := int(d % 3)
		n, err := ParseAmount(s, decimals)
		if err != nil {
			if n != 0 {
				t.Fatalf("error with a value: %q → %d", s, n)
			}
			return
		}
		for _, lang := range []string{"id", "en"} {
			back, err := ParseAmount(DecimalInput(n, decimals, lang), decimals)
			if err != nil || back != n {
				t.Fatalf("%q (%d decimals) → %d → %q (%s) → %d, %v", s, decimals, n, DecimalInput(n, decimals, lang), lang, back, err)
			}
		}
	})
}
