package i18n

import (
	"math"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"

	"github.com/peduli/peduli/internal/platform/clock"
)

var (
	printerID = message.NewPrinter(language.Indonesian)
	printerEN = message.NewPrinter(language.English)
)

func (l *Localizer) printer() *message.Printer {
	if l.lang == English {
		return printerEN
	}
	return printerID
}

// Number formats an integer with the locale's grouping: 12.500 in Bahasa
// Indonesia, 12,500 in English.
func (l *Localizer) Number(n int64) string {
	return l.printer().Sprint(number.Decimal(n))
}

// Quantity formats a measurement kept as a whole number of 10^-decimals
// units (see programs.Indicator): Quantity(15, 1) is "1,5" in Bahasa
// Indonesia and "1.5" in English, Quantity(20, 1) is "2", and unit, when
// it is kg or percent, follows: "1,5 kg", "12,5%". Other units (days,
// counts) are shown as the bare number, as the pages name them.
func (l *Localizer) Quantity(v int64, decimals int, unit string) string {
	s := l.Number(v)
	if decimals > 0 {
		s = l.printer().Sprint(number.Decimal(float64(v)/math.Pow10(decimals), number.MaxFractionDigits(decimals)))
	}
	switch unit {
	case "kg":
		return s + " kg"
	case "percent":
		return s + "%"
	}
	return s
}

// Percent formats a ratio (0.5 → "50%") with at most one decimal.
func (l *Localizer) Percent(ratio float64) string {
	return l.printer().Sprint(number.Percent(ratio, number.MaxFractionDigits(1)))
}

// Money formats an amount in IDR minor units (Rp 1 = 100, as Stripe counts):
// 5000000 → "Rp 50.000" (id) or "Rp 50,000" (en). Sen appear only when the
// amount has them.
func (l *Localizer) Money(minor int64) string {
	sign := ""
	if minor < 0 {
		sign, minor = "-", -minor
	}
	s := "Rp " + sign + l.Number(minor/100)
	if sen := minor % 100; sen != 0 {
		dec := ","
		if l.lang == English {
			dec = "."
		}
		s += dec + leftPad(strconv.FormatInt(sen, 10))
	}
	return s
}

func leftPad(s string) string {
	if len(s) < 2 {
		return "0" + s
	}
	return s
}

var months = map[string][12]string{
	Indonesian: {"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
		"September", "Oktober", "November", "Desember"},
	English: {"January", "February", "March", "April", "May", "June", "July", "August",
		"September", "October", "November", "December"},
}

// Date formats a day: "5 Maret 2026" / "5 March 2026". The zero time is "".
func (l *Localizer) Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return strconv.Itoa(t.Day()) + " " + months[l.lang][t.Month()-1] + " " + strconv.Itoa(t.Year())
}

// DateTime formats a moment in Indonesia's central time (WITA, UTC+8, the
// time zone of NTT): "5 Maret 2026 14.30 WITA" / "5 March 2026 14:30 WITA".
func (l *Localizer) DateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(clock.Zone)
	hm := t.Format("15:04")
	if l.lang == Indonesian {
		hm = strings.Replace(hm, ":", ".", 1)
	}
	return l.Date(t) + " " + hm + " WITA"
}

// ISODate parses a YYYY-MM-DD string and formats it with Date; anything
// else is returned unchanged.
func (l *Localizer) ISODate(s string) string {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	return l.Date(t)
}
