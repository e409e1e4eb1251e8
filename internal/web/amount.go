package web

import (
	"errors"
	"regexp"
	"strconv"
	"strings"
)

// ErrAmount is returned by ParseAmount and ParseRupiah for text that is not
// an amount.
var ErrAmount = errors.New("not an amount")

var (
	groupedID  = regexp.MustCompile(`^\d{1,3}(\.\d{3})*(,\d{1,2})?$`) // 1.500.000,50
	groupedEN  = regexp.MustCompile(`^\d{1,3}(,\d{3})*(\.\d{1,2})?$`) // 1,500,000.50
	plain      = regexp.MustCompile(`^\d+$`)
	fractionID = regexp.MustCompile(`^\d+,\d{1,2}$`)  // 1500000,50 or 1,5 (what RupiahInput writes)
	fractionEN = regexp.MustCompile(`^\d+\.\d{1,2}$`) // 1500000.50 or 1.5
)

// amountLimit bounds the whole part: a trillion, far above any figure a
// group types, and safe from overflow once scaled.
const amountLimit = int64(1_000_000_000_000)

// ParseAmount reads a number as people type it in either language —
// "1.500.000", "1,500,000", "1500000", "1,5", "1.5" — and returns it scaled
// by 10^decimals (decimals is 0, 1 or 2: how many digits after the decimal
// separator the unit allows). Three digits after a single point or comma
// are a thousands group ("1.500" is fifteen hundred); one or two are a
// fraction. A trailing ",-" (as in "500.000,-") is allowed.
func ParseAmount(s string, decimals int) (int64, error) {
	s = strings.ReplaceAll(strings.TrimSpace(s), " ", "")
	s = strings.TrimSuffix(strings.TrimSuffix(s, "-"), ",")
	var whole, frac string
	switch {
	case plain.MatchString(s):
		whole = s
	case fractionID.MatchString(s):
		whole, frac, _ = strings.Cut(s, ",")
	case fractionEN.MatchString(s):
		whole, frac, _ = strings.Cut(s, ".")
	case groupedID.MatchString(s):
		whole, frac, _ = strings.Cut(s, ",")
		whole = strings.ReplaceAll(whole, ".", "")
	case groupedEN.MatchString(s):
		whole, frac, _ = strings.Cut(s, ".")
		whole = strings.ReplaceAll(whole, ",", "")
	default:
		return 0, ErrAmount
	}
	frac = strings.TrimRight(frac, "0")
	if len(frac) > decimals || len(whole) > 13 {
		return 0, ErrAmount
	}
	n, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || n > amountLimit {
		return 0, ErrAmount
	}
	// The fraction padded to the unit's digits: "5" of "1,5" kg is 5 tenths;
	// "5" of "Rp 1,5" is 50 sen.
	digits := whole + frac + strings.Repeat("0", decimals-len(frac))
	if n, err = strconv.ParseInt(digits, 10, 64); err != nil {
		return 0, ErrAmount
	}
	return n, nil
}

// ParseRupiah reads an amount of money as people type it — "Rp 1.500.000",
// "Rp500.000,-", "1500000", "Rp 1,500,000" — and returns IDR minor units
// (Rp 1 = 100). Sen are allowed after a decimal comma (id) or point (en).
func ParseRupiah(s string) (int64, error) {
	s = strings.TrimSpace(s)
	if len(s) >= 2 && strings.EqualFold(s[:2], "rp") {
		s = strings.TrimPrefix(strings.TrimSpace(s[2:]), ".")
	}
	return ParseAmount(s, 2)
}

// RupiahInput shows minor units in the form an amount input takes back:
// whole Rupiah as plain digits (sen after a comma when present).
func RupiahInput(minor int64) string {
	s := strconv.FormatInt(minor/100, 10)
	if sen := minor % 100; sen != 0 {
		s += "," + strconv.FormatInt(sen/10, 10) + strconv.FormatInt(sen%10, 10)
	}
	return s
}

// DecimalInput shows a measurement kept in 10^-decimals units as an input
// takes it back (ParseAmount reads it): plain digits, the fraction after
// the language's separator, trailing zeros dropped — 15 with one decimal
// is "1,5" in Bahasa Indonesia and "1.5" in English; 20 is "2".
func DecimalInput(v int64, decimals int, lang string) string {
	if decimals <= 0 {
		return strconv.FormatInt(v, 10)
	}
	s := strconv.FormatInt(v, 10)
	if len(s) <= decimals {
		s = strings.Repeat("0", decimals-len(s)+1) + s
	}
	whole, frac := s[:len(s)-decimals], strings.TrimRight(s[len(s)-decimals:], "0")
	if frac == "" {
		return whole
	}
	sep := ","
	if lang == "en" {
		sep = "."
	}
	return whole + sep + frac
}

// Rupiah reads a required money field that must be more than zero, in
// minor units. A blank, unreadable or zero amount marks the field with the
// one amount message ("validation.amount") and returns 0.
func (f *Form) Rupiah(name string) int64 {
	minor, err := ParseRupiah(f.Get(name))
	if err != nil || minor <= 0 {
		f.Invalid(name, "amount")
		return 0
	}
	return minor
}

// OptionalRupiah reads a money field that may be left blank or be zero (a
// household's income), in minor units: nil when blank. Unreadable text
// marks the field with "validation.amount_any".
func (f *Form) OptionalRupiah(name string) *int64 {
	s := f.Get(name)
	if s == "" {
		return nil
	}
	minor, err := ParseRupiah(s)
	if err != nil {
		f.Invalid(name, "amount_any")
		return nil
	}
	return &minor
}

// AmountMessage shows the one amount message on an amount field whose
// service error carries no bound to show (a "gt" or "lte" without its
// figure would read "Harus lebih dari ."). Errors with a bound, such as the
// smallest online gift, keep their own message.
func (f *Form) AmountMessage(name string) {
	if fe, ok := f.Fields[name]; ok && fe.Param == "" && fe.Rule != "amount" && fe.Rule != "amount_any" {
		f.Invalid(name, "amount")
	}
}
