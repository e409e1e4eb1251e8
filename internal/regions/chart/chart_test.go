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
