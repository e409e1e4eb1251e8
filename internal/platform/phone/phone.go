// Package phone reads Indonesian mobile numbers as people write them; the
// registry, partners and a group's WhatsApp contact share the one rule.
package phone

import (
	"errors"
	"strings"
)

// ErrInvalid is returned by Normalize. Like the registry's NIK errors it never
// contains the number.
var ErrInvalid = errors.New("must be an Indonesian mobile number, e.g. 0812 3456 7890")

// Indonesian mobile numbers are 0 + 8 + 8–11 more digits: 10–13 digits with
// the trunk 0, so 9–12 digits after it (or after +62).
const (
	minMobileDigits = 9
	maxMobileDigits = 12
)

// Normalize turns an Indonesian mobile number as people write it
// (08…, +628…, 628…, with spaces, dashes, dots or parentheses) into E.164:
// +628…. Numbers starting 080 are toll-free or premium lines, not mobiles,
// and are refused: they cannot receive a message.
func Normalize(s string) (string, error) {
	s = strings.TrimSpace(s)
	// A plus sign only counts in front, where E.164 puts it, and must be
	// followed by the country code.
	plus := strings.HasPrefix(s, "+")
	s = strings.TrimPrefix(s, "+")
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ' || r == '-' || r == '.' || r == '(' || r == ')':
		default:
			return "", ErrInvalid
		}
	}
	d := b.String()
	var national string
	switch {
	case strings.HasPrefix(d, "62"):
		national = d[2:]
	case strings.HasPrefix(d, "0") && !plus:
		national = d[1:]
	default:
		return "", ErrInvalid
	}
	if len(national) < minMobileDigits || len(national) > maxMobileDigits ||
		national[0] != '8' || national[1] == '0' {
		return "", ErrInvalid
	}
	return "+62" + national, nil
}

// Mask shows only the last 4 digits in a fixed shape, "+62 8** **** 1234",
// so the mask does not reveal the number's length either. Input that is not
// a valid mobile number is fully masked; an empty input stays empty.
func Mask(s string) string {
	if s == "" {
		return ""
	}
	e164, err := Normalize(s)
	if err != nil {
		return "****"
	}
	return "+62 8** **** " + e164[len(e164)-4:]
}
