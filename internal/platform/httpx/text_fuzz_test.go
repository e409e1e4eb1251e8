package httpx

import (
	"encoding/json"
	"errors"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"

	"github.com/peduli/peduli/internal/platform/errs"
)

// allowed is the text rule restated plainly, to check CheckText against.
func allowed(path, s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	multi, name := isMultiline(path), isName(path)
	rs := []rune(s)
	for i, r := range rs {
		switch {
		case (r == '\t' || r == '\n') && multi:
		case r == '\r' && multi && i+1 < len(rs) && rs[i+1] == '\n':
		case r < 0x20 || (r >= 0x7f && r <= 0x9f):
			return false
		case name && (strings.ContainsRune("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c", r) ||
			strings.ContainsRune("\u200b\u200c\u200d\u2060\ufeff\u180e\u00ad", r)):
			return false
		}
	}
	return true
}

// FuzzTextGuard: whatever text arrives in a query parameter, a form field or
// a JSON string, the guard lets it through exactly when the rule allows it,
// and otherwise answers 422 naming that field — never anything else.
func FuzzTextGuard(f *testing.F) {
	for _, s := range []string{"Ibu Maria", "a\x00b", "baris\r\nbaris", "\t", "\u202eevil", "zero\u200bwidth",
		"\x7f", "\u0085", "\xff\xfe", "ok\r", "Sri Wahyuni"} {
		for _, field := range []string{"name", "q", "notes", "group.slug", "story.id", "owner_name"} {
			f.Add(field, s, uint8(0))
			f.Add(field, s, uint8(1))
			f.Add(field, s, uint8(2))
		}
	}
	app := fiber.New()
	f.Fuzz(func(t *testing.T, field, value string, where uint8) {
		if field == "" || strings.ContainsAny(field, ".[]=&%+#;\x00") || !utf8.ValidString(field) {
			field = "name"
		}
		c := app.AcquireCtx(&fasthttp.RequestCtx{})
		defer app.ReleaseCtx(c)
		switch where % 3 {
		case 0:
			c.Request().SetRequestURI("/x?" + url.Values{field: {value}}.Encode())
		case 1:
			c.Request().SetRequestURI("/x")
			c.Request().Header.SetContentType(fiber.MIMEApplicationForm)
			c.Request().SetBody([]byte(url.Values{field: {value}}.Encode()))
		case 2:
			if !utf8.ValidString(value) {
				return // JSON carries only valid text; invalid bytes become U+FFFD
			}
			body, _ := json.Marshal(map[string]string{field: value})
			c.Request().SetRequestURI("/x")
			c.Request().Header.SetContentType(fiber.MIMEApplicationJSON)
			c.Request().SetBody(body)
		}
		err := CheckRequestText(c)
		want := allowed(field, value)
		var ve *errs.ValidationError
		switch {
		case want && err != nil:
			t.Fatalf("%s=%q refused: %v", field, value, err)
		case !want && (!errors.As(err, &ve) || len(ve.Fields) != 1 || ve.Fields[0].Field != field):
			t.Fatalf("%s=%q: want a 422 naming %q, got %v", field, value, field, err)
		}
	})
}
