package chart

import (
	"math"
	"strconv"
	"strings"
)

// Units name a language's short words for large amounts of money and its
// decimal mark: Indonesian "rb", "jt", "M" and ",".
type Units struct {
	Thousand, Million, Billion, Decimal string
}

// Rupiah renders whole rupiah for an axis in a few characters: "Rp 500 rb",
// "Rp 1,5 jt", "Rp 2 M" in Indonesian; a phone has no room for
// "Rp 1.500.000".
func Rupiah(u Units) Format {
	return func(v float64) string {
		sign := ""
		if v < 0 {
			sign, v = "-", -v
		}
		n, unit := v, ""
		switch {
		case v >= 1e9:
			n, unit = v/1e9, u.Billion
		case v >= 1e6:
			n, unit = v/1e6, u.Million
		case v >= 1e3:
			n, unit = v/1e3, u.Thousand
		}
		digits := 1
		if n >= 100 || unit == "" {
			digits = 0
		}
		s := strconv.FormatFloat(math.Round(n*math.Pow10(digits))/math.Pow10(digits), 'f', -1, 64)
		s = strings.Replace(s, ".", u.Decimal, 1)
		if unit != "" {
			s += " " + unit
		}
		return sign + "Rp " + s
	}
}

// Month labels a YYYY-MM period with a short month name and the year,
// "Des 2025"; names holds the twelve short names, January first. Anything
// else is returned as it is.
func Month(period string, names [12]string) string {
	if len(period) != 7 || period[4] != '-' {
		return period
	}
	m, err := strconv.Atoi(period[5:])
	if err != nil || m < 1 || m > 12 {
		return period
	}
	return names[m-1] + " " + period[:4]
}
