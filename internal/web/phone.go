package web

import (
	"html/template"
	"strings"
)

// phoneDigits returns an Indonesian phone number as digits with the
// country code (62812…), or "" when it is not one — a masked number
// ("+62 8** **** 1234") included, so a mask never becomes a link.
func phoneDigits(s string) string {
	var b strings.Builder
	for i, r := range strings.TrimSpace(s) {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' && i == 0, r == ' ', r == '-', r == '.', r == '(', r == ')':
		default:
			return ""
		}
	}
	d := b.String()
	switch {
	case strings.HasPrefix(d, "62"):
	case strings.HasPrefix(d, "0"):
		d = "62" + d[1:]
	default:
		return ""
	}
	if len(d) < 10 || len(d) > 15 {
		return ""
	}
	return d
}

// Tel is a tel: link for a phone number, or "" when it is not one:
// {{with $.Tel .Phone}}<a href="{{.}}">…{{end}}.
func (v *View) Tel(phone string) template.URL {
	if d := phoneDigits(phone); d != "" {
		return template.URL("tel:+" + d) // #nosec G203 -- digits only
	}
	return ""
}

// WhatsApp is a https://wa.me/62… link for a mobile number, or "".
func (v *View) WhatsApp(phone string) string {
	if d := phoneDigits(phone); strings.HasPrefix(d, "628") {
		return "https://wa.me/" + d
	}
	return ""
}
