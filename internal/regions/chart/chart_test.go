package chart_test

import (
	"encoding/xml"
	"strings"
	"testing"

	"github.com/peduli/peduli/internal/regions/chart"
)

func TestChartsAreWellFormedScalableSVG(t *testing.T) {
	pts := []chart.Point{{"2026-01", 3}, {"2026-02", 0}, {"2026-03", 7}, {"<b>", -2}}
	for name, svg := range map[string]string{
		"bars":  string(chart.Bars("Kegiatan per bulan", pts, "%.0f")),
		"line":  string(chart.Line("Tingkat kehadiran", pts, "%.0f%%")),
		"empty": string(chart.Bars("Kosong", nil, "%.0f")),
		"rate":  string(chart.Percent("Kehadiran", []chart.Point{{"2026-01", 40}, {"2026-02", 75}})),
	} {
		if err := xml.Unmarshal([]byte(svg), new(struct{})); err != nil {
			t.Errorf("%s: not well-formed XML: %v", name, err)
		}
		if !strings.Contains(svg, `viewBox="0 0 320 160"`) || !strings.Contains(svg, `width="100%"`) || strings.Contains(svg, "<b>") {
			t.Errorf("%s: %s", name, svg)
		}
	}
	if !strings.Contains(string(chart.Percent("x", nil)), ">100%<") {
		t.Errorf("a rate chart's scale does not reach 100%%")
	}
	if n := strings.Count(string(chart.Bars("x", pts, "%.0f")), "<rect"); n != len(pts) {
		t.Errorf("bars = %d, want %d", n, len(pts))
	}
}

func TestAxisLabelsReadOnAPhone(t *testing.T) {
	id := chart.Rupiah(chart.Units{Thousand: "rb", Million: "jt", Billion: "M", Decimal: ","})
	en := chart.Rupiah(chart.Units{Thousand: "k", Million: "m", Billion: "bn", Decimal: "."})
	for _, c := range []struct {
		f    chart.Format
		v    float64
		want string
	}{
		{id, 1_000_000, "Rp 1 jt"}, {id, 1_500_000, "Rp 1,5 jt"}, {id, 500_000, "Rp 500 rb"}, {id, 2_000_000_000, "Rp 2 M"},
		{id, 750, "Rp 750"}, {id, -250_000, "-Rp 250 rb"}, {en, 1_500_000, "Rp 1.5 m"}, {id, 0, "Rp 0"},
	} {
		if got := c.f(c.v); got != c.want {
			t.Errorf("%v → %q, want %q", c.v, got, c.want)
		}
	}
	names := [12]string{"Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"}
	if got := chart.Month("2025-12", names); got != "Des 2025" {
		t.Errorf("month = %q", got)
	}
	if got := chart.Month("2025-13", names); got != "2025-13" {
		t.Errorf("bad month = %q", got)
	}
	svg := string(chart.BarsIn("Uang", []chart.Point{{"Des 2025", 1_000_000}}, id))
	if !strings.Contains(svg, ">Rp 1 jt<") || !strings.Contains(svg, ">Des 2025<") {
		t.Errorf("money chart: %s", svg)
	}
}
