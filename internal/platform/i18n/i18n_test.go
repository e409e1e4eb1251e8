package i18n

import (
	"testing"
	"testing/fstest"
	"time"
)

func testCatalogue(t *testing.T) *Catalogue {
	t.Helper()
	c, err := Load(fstest.MapFS{
		"l/a.id.yaml": {Data: []byte("hello: \"Halo {{.Name}}\"\nitems:\n  other: \"{{.Count}} barang\"\n")},
		"l/a.en.yaml": {Data: []byte("hello: \"Hello {{.Name}}\"\nitems:\n  one: \"{{.Count}} item\"\n  other: \"{{.Count}} items\"\n")},
	}, "l")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestTranslate(t *testing.T) {
	c := testCatalogue(t)
	cases := []struct{ lang, got, want string }{
		{"id", c.Localizer("id").T("hello", "Name", "Maria"), "Halo Maria"},
		{"en", c.Localizer("en").T("hello", "Name", "Maria"), "Hello Maria"},
		{"fr", c.Localizer("fr").T("hello", "Name", "Ana"), "Halo Ana"},
		{"en", c.Localizer("en").N("items", 1), "1 item"},
		{"en", c.Localizer("en").N("items", 3), "3 items"},
		{"id", c.Localizer("id").N("items", 1), "1 barang"},
		{"id", c.Localizer("id").T("missing"), "missing"},
	}
	for _, tc := range cases {
		if tc.got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.lang, tc.got, tc.want)
		}
	}
}

func TestLoadRejectsBadFiles(t *testing.T) {
	for name, fs := range map[string]fstest.MapFS{
		"unknown language": {"l/a.fr.yaml": {Data: []byte("x: y\n")}},
		"bad name":         {"l/a.yaml": {Data: []byte("x: y\n")}},
		"duplicate key":    {"l/a.id.yaml": {Data: []byte("x: y\n")}, "l/b.id.yaml": {Data: []byte("x: z\n")}},
		"broken yaml":      {"l/a.id.yaml": {Data: []byte("x: [\n")}},
	} {
		if _, err := Load(fs, "l"); err == nil {
			t.Errorf("%s: loaded", name)
		}
	}
}

func TestFormat(t *testing.T) {
	c := testCatalogue(t)
	id, en := c.Localizer("id"), c.Localizer("en")
	day := time.Date(2026, 3, 5, 6, 30, 0, 0, time.UTC)
	cases := []struct{ got, want string }{
		{id.Money(5000000), "Rp 50.000"},
		{en.Money(5000000), "Rp 50,000"},
		{id.Money(123456789), "Rp 1.234.567,89"},
		{id.Money(-250000), "Rp -2.500"},
		{id.Money(0), "Rp 0"},
		{id.Number(1234567), "1.234.567"},
		{en.Number(1234567), "1,234,567"},
		{id.Date(day), "5 Maret 2026"},
		{en.Date(day), "5 March 2026"},
		{id.DateTime(day), "5 Maret 2026 14.30 WITA"},
		{en.DateTime(day), "5 March 2026 14:30 WITA"},
		{id.ISODate("2026-08-17"), "17 Agustus 2026"},
		{id.Date(time.Time{}), ""},
	}
	for _, tc := range cases {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
	if p := id.Percent(0.855); p != "85,5%" && p != "85,5 %" {
		t.Errorf("percent: %q", p)
	}
}

func TestNegotiate(t *testing.T) {
	cases := []struct{ setting, cookie, accept, want string }{
		{"", "", "", "id"},
		{"", "", "en-US,en;q=0.9", "en"},
		{"", "", "fr-FR,fr;q=0.9", "id"},
		{"", "", "id-ID,id;q=0.9,en;q=0.8", "id"},
		{"", "en", "id", "en"},
		{"id", "en", "en", "id"},
		{"xx", "yy", "en", "en"},
	}
	for _, tc := range cases {
		if got := Negotiate(tc.setting, tc.cookie, tc.accept); got != tc.want {
			t.Errorf("Negotiate(%q,%q,%q) = %q, want %q", tc.setting, tc.cookie, tc.accept, got, tc.want)
		}
	}
}

// A measurement with decimals shows the language's separator and its unit.
func TestQuantity(t *testing.T) {
	c := testCatalogue(t)
	for _, q := range []struct {
		v        int64
		decimals int
		unit     string
		id, en   string
	}{
		{15, 1, "kg", "1,5 kg", "1.5 kg"},
		{20, 1, "kg", "2 kg", "2 kg"},
		{125050, 2, "kg", "1.250,5 kg", "1,250.5 kg"},
		{125, 1, "percent", "12,5%", "12.5%"},
		{1500, 0, "count", "1.500", "1,500"},
	} {
		if got := c.Localizer("id").Quantity(q.v, q.decimals, q.unit); got != q.id {
			t.Errorf("id Quantity(%d, %d, %s) = %q, want %q", q.v, q.decimals, q.unit, got, q.id)
		}
		if got := c.Localizer("en").Quantity(q.v, q.decimals, q.unit); got != q.en {
			t.Errorf("en Quantity(%d, %d, %s) = %q, want %q", q.v, q.decimals, q.unit, got, q.en)
		}
	}
}
