package web_test

import (
	"testing"

	"github.com/peduli/peduli/internal/web"
)

func TestParseRupiah(t *testing.T) {
	for in, want := range map[string]int64{
		"Rp 500.000": 500_000_00, "Rp500.000": 500_000_00, "Rp. 500.000": 500_000_00, "rp 500.000,-": 500_000_00,
		"500.000": 500_000_00, "500000": 500_000_00, "500,000": 500_000_00, "Rp 1.500.000,50": 1_500_000_50,
		"1,500,000.5": 1_500_000_50, "1500000,50": 1_500_000_50, " 25 000 ": 25_000_00, "0": 0,
	} {
		got, err := web.ParseRupiah(in)
		if err != nil || got != want {
			t.Errorf("ParseRupiah(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "Rp", "abc", "-5", "1.5.0", "1,234,5", "50rb", "1.000,505", "99999999999999"} {
		if got, err := web.ParseRupiah(in); err == nil {
			t.Errorf("ParseRupiah(%q) = %d, want an error", in, got)
		}
	}
}

func TestParseAmountDecimals(t *testing.T) {
	cases := []struct {
		in       string
		decimals int
		want     int64
		ok       bool
	}{
		{"1,5", 1, 15, true}, {"1.5", 1, 15, true}, {"12", 1, 120, true}, {"1,50", 1, 15, true},
		{"1,5", 0, 0, false}, {"1,25", 1, 0, false}, {"1.500", 0, 1500, true}, {"3", 0, 3, true},
	}
	for _, c := range cases {
		got, err := web.ParseAmount(c.in, c.decimals)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("ParseAmount(%q, %d) = %d, %v; want %d (ok %v)", c.in, c.decimals, got, err, c.want, c.ok)
		}
	}
}

// A measurement is typed "1,5" or "1.5" and shown back the page's way.
func TestDecimalInput(t *testing.T) {
	for _, c := range []struct {
		v        int64
		decimals int
		id, en   string
	}{
		{15, 1, "1,5", "1.5"}, {20, 1, "2", "2"}, {5, 1, "0,5", "0.5"},
		{125050, 2, "1250,5", "1250.5"}, {7, 2, "0,07", "0.07"}, {1500, 0, "1500", "1500"},
	} {
		if got := web.DecimalInput(c.v, c.decimals, "id"); got != c.id {
			t.Errorf("DecimalInput(%d, %d, id) = %q, want %q", c.v, c.decimals, got, c.id)
		}
		if got := web.DecimalInput(c.v, c.decimals, "en"); got != c.en {
			t.Errorf("DecimalInput(%d, %d, en) = %q, want %q", c.v, c.decimals, got, c.en)
		}
	}
}
