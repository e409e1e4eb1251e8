package registrypages

import (
	"errors"
	"regexp"
	"strconv"
	"strings"
)

// ErrRupiah is returned by ParseRupiah for text that is not an amount.
var ErrRupiah = errors.New("not a Rupiah amount")

var (
	rupiahID    = regexp.MustCompile(`^\d{1,3}(\.\d{3})*(,\d{1,2})?$`) // 1.500.000,50
	rupiahEN    = regexp.MustCompile(`^\d{1,3}(,\d{3})*(\.\d{1,2})?$`) // 1,500,000.50
	rupiahPlain = regexp.MustCompile(`^\d+$`)
	rupiahSenID = regexp.MustCompile(`^\d+,\d{1,2}$`)  // 1500000,50 (what RupiahInput writes)
	rupiahSenEN = regexp.MustCompile(`^\d+\.\d{1,2}$`) // 1500000.50
	rupiahLimit = int64(1_000_000_000_000)             // Rp 1 trillion: far above any household figure
)

// ParseRupiah reads an amount as people type it — "Rp 1.500.000",
// "1.500.000", "1500000", "Rp 1,500,000" — and returns IDR minor units
// (Rp 1 = 100). Sen are allowed after a decimal comma (id) or point (en).
func ParseRupiah(s string) (int64, error) {
	s = strings.TrimSpace(s)
	if len(s) >= 2 && strings.EqualFold(s[:2], "rp") {
		s = strings.TrimSpace(strings.TrimPrefix(s[2:], "."))
	}
	s = strings.ReplaceAll(s, " ", "")
	var whole, sen string
	switch {
	case rupiahPlain.MatchString(s):
		whole = s
	case rupiahSenID.MatchString(s):
		whole, sen, _ = strings.Cut(s, ",")
	case rupiahSenEN.MatchString(s):
		whole, sen, _ = strings.Cut(s, ".")
	case rupiahID.MatchString(s):
		whole, sen, _ = strings.Cut(s, ",")
		whole = strings.ReplaceAll(whole, ".", "")
	case rupiahEN.MatchString(s):
		whole, sen, _ = strings.Cut(s, ".")
		whole = strings.ReplaceAll(whole, ",", "")
	default:
		return 0, ErrRupiah
	}
	if len(whole) > 13 {
		return 0, ErrRupiah
	}
	n, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || n > rupiahLimit {
		return 0, ErrRupiah
	}
	minor := n * 100
	if sen != "" {
		if len(sen) == 1 {
			sen += "0"
		}
		c, _ := strconv.ParseInt(sen, 10, 64)
		minor += c
	}
	return minor, nil
}

// RupiahInput shows minor units in the form the input takes back: whole
// Rupiah as plain digits (sen after a comma when present).
func RupiahInput(minor int64) string {
	s := strconv.FormatInt(minor/100, 10)
	if sen := minor % 100; sen != 0 {
		s += "," + strconv.FormatInt(sen/10, 10) + strconv.FormatInt(sen%10, 10)
	}
	return s
}
