package registry

import (
	"errors"
	"log/slog"
	"strings"
	"time"
)

// Errors returned by ParseNIK and ParseKK. They are fixed values so the HTTP
// layer can map each to a field message, and they never contain the number:
// a NIK is personal data and must not reach a log through an error.
var (
	ErrIDDigits    = errors.New("must be 16 digits")
	ErrIDProvince  = errors.New("province code is not an Indonesian province")
	ErrIDRegency   = errors.New("regency code must not be 00")
	ErrIDBirthDate = errors.New("birth date part is not a valid date")
	ErrIDSerial    = errors.New("serial number must not be 0000")
)

// provinces are the 38 province codes of Kepmendagri 300.2.2-2138/2025.
// Older numbers keep the code of the province that issued them (e.g. 64 for
// today's Kalimantan Utara, 91 for the new Papua provinces), and those codes
// are all still in this list.
var provinces = map[string]bool{
	"11": true, "12": true, "13": true, "14": true, "15": true, "16": true, "17": true, "18": true, "19": true,
	"21": true,
	"31": true, "32": true, "33": true, "34": true, "35": true, "36": true,
	"51": true, "52": true, "53": true,
	"61": true, "62": true, "63": true, "64": true, "65": true,
	"71": true, "72": true, "73": true, "74": true, "75": true, "76": true,
	"81": true, "82": true,
	"91": true, "92": true, "93": true, "94": true, "95": true, "96": true,
}

// femaleDayOffset is added to the birth day of women in a NIK.
const femaleDayOffset = 40

// NIK is a validated national ID number (Nomor Induk Kependudukan). Digits
// is sensitive: store it sealed, show Masked.
type NIK struct {
	Digits    string    // the 16 digits, no separators
	BirthDate time.Time // midnight UTC of the encoded birth date
	Female    bool      // the day part was offset by 40
}

// ParseNIK normalises s (digits with optional spaces, dots or dashes) and
// checks the layout: province, regency, birth date DDMMYY (day+40 for
// women) and serial. The century is the latest one that does not put the
// birth after today. Region codes below the province are not checked
// against a list because old NIKs keep codes of kecamatan that were later
// split or moved.
func ParseNIK(s string, today time.Time) (NIK, error) {
	d, err := sixteenDigits(s)
	if err != nil {
		return NIK{}, err
	}
	if !provinces[d[0:2]] {
		return NIK{}, ErrIDProvince
	}
	if d[2:4] == "00" {
		return NIK{}, ErrIDRegency
	}
	birth, female, ok := nikBirthDate(d[6:12], today)
	if !ok {
		return NIK{}, ErrIDBirthDate
	}
	if d[12:16] == "0000" {
		return NIK{}, ErrIDSerial
	}
	return NIK{Digits: d, BirthDate: birth, Female: female}, nil
}

// nikBirthDate decodes DDMMYY. It tries 20YY first and falls back to 19YY
// when 20YY would be after today; 19YY is always in the past.
func nikBirthDate(ddmmyy string, today time.Time) (time.Time, bool, bool) {
	day, month, yy := atoi2(ddmmyy[0:2]), atoi2(ddmmyy[2:4]), atoi2(ddmmyy[4:6])
	female := day > femaleDayOffset
	if female {
		day -= femaleDayOffset
	}
	if day < 1 || day > 31 || month < 1 || month > 12 {
		return time.Time{}, false, false
	}
	ty, tm, td := today.Date()
	todayDate := time.Date(ty, tm, td, 0, 0, 0, 0, time.UTC)
	for _, year := range []int{2000 + yy, 1900 + yy} {
		birth, ok := calendarDate(year, month, day)
		if ok && !birth.After(todayDate) {
			return birth, female, true
		}
	}
	return time.Time{}, false, false
}

// calendarDate builds a UTC date and reports whether it exists (time.Date
// would silently turn 31 February into 3 March).
func calendarDate(year, month, day int) (time.Time, bool) {
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	return t, t.Day() == day && int(t.Month()) == month
}

// Masked returns the NIK with its middle 8 digits hidden, for screens and
// logs: 5301********0001.
func (n NIK) Masked() string { return MaskNIK(n.Digits) }

// RegionCode returns the issuing region as a Kemendagri code, e.g. "53.01.08"
// (province, regency, kecamatan).
func (n NIK) RegionCode() string {
	if len(n.Digits) != 16 {
		return ""
	}
	return n.Digits[0:2] + "." + n.Digits[2:4] + "." + n.Digits[4:6]
}

// String returns the masked form, so printing a NIK never shows it whole.
func (n NIK) String() string { return n.Masked() }

// GoString returns the masked form for %#v as well.
func (n NIK) GoString() string { return "registry.NIK(" + n.Masked() + ")" }

// LogValue makes slog record the masked form only.
func (n NIK) LogValue() slog.Value { return slog.StringValue(n.Masked()) }

// MaskNIK keeps the first and last 4 of 16 digits and stars the rest. Any
// other input is fully starred, since it cannot be known which part is safe.
func MaskNIK(digits string) string {
	if len(digits) != 16 {
		return strings.Repeat("*", 16)
	}
	return digits[:4] + strings.Repeat("*", 8) + digits[12:]
}

// ParseKK normalises a family-card (kartu keluarga) number like ParseNIK
// and checks that it has 16 digits and starts with a province code (which
// also rules out all zeros). Its middle part is an issue date whose rules
// are less settled, so it is not checked.
func ParseKK(s string) (string, error) {
	d, err := sixteenDigits(s)
	if err != nil {
		return "", err
	}
	if !provinces[d[0:2]] {
		return "", ErrIDProvince
	}
	return d, nil
}

// sixteenDigits strips the separators people type between groups of digits
// and requires exactly 16 digits to remain.
func sixteenDigits(s string) (string, error) {
	var b strings.Builder
	b.Grow(16)
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			if b.Len() == 16 {
				return "", ErrIDDigits
			}
			b.WriteRune(r)
		case r == ' ' || r == '.' || r == '-':
		default:
			return "", ErrIDDigits
		}
	}
	if b.Len() != 16 {
		return "", ErrIDDigits
	}
	return b.String(), nil
}

// atoi2 converts two ASCII digits already known to be digits.
func atoi2(s string) int { return int(s[0]-'0')*10 + int(s[1]-'0') }
