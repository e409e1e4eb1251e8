// Package chart draws small server-rendered SVG charts — bars for counts
// per month, a line for rates or amounts — that stay readable on a 360 px
// phone: the SVG scales to its container's width, labels are few and large,
// and no script is needed. Group dashboards may use it too.
package chart

import (
	"fmt"
	"html/template"
	"math"
	"strings"
)

// Point is one labelled value, e.g. a month and its count.
type Point struct {
	Label string
	Value float64
}

// Size of the drawing in SVG units; it scales to the page width.
const (
	width   = 320.0
	height  = 160.0
	padLeft = 36.0
	padTop  = 22.0
	padBot  = 24.0
)

// Format renders a value for the axis and the bars' tooltips.
type Format func(float64) string

// Printf formats values with a fmt layout such as "%.0f".
func Printf(layout string) Format {
	return func(v float64) string { return fmt.Sprintf(layout, v) }
}

// Bars draws one bar per point with the title on top. format renders the
// axis maximum (e.g. "%.0f" or a percentage); empty data draws an empty frame.
func Bars(title string, points []Point, format string) template.HTML {
	return draw(title, points, Printf(format), false, 0)
}

// BarsIn is Bars with the values rendered by format, e.g. Rupiah.
func BarsIn(title string, points []Point, format Format) template.HTML {
	return draw(title, points, format, false, 0)
}

// Line draws the points joined by a line, for rates and amounts over time.
func Line(title string, points []Point, format string) template.HTML {
	return draw(title, points, Printf(format), true, 0)
}

// LineIn is Line with the values rendered by format, e.g. Rupiah.
func LineIn(title string, points []Point, format Format) template.HTML {
	return draw(title, points, format, true, 0)
}

// Percent draws rates (values 0–100) as a line on a fixed 0–100 % scale, so
// charts of different groups or regions compare at a glance.
func Percent(title string, points []Point) template.HTML {
	return draw(title, points, Printf("%.0f%%"), true, 100)
}

// draw renders the chart; top, when above zero, fixes the scale's maximum.
func draw(title string, points []Point, format Format, line bool, top float64) template.HTML {
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %g %g" width="100%%" role="img" aria-label="%s" font-family="sans-serif">`,
		width, height, esc(title))
	fmt.Fprintf(&b, `<title>%s</title><text x="0" y="14" font-size="13" font-weight="bold">%s</text>`, esc(title), esc(title))
	lo, hi := 0.0, 0.0
	for _, p := range points {
		lo, hi = math.Min(lo, p.Value), math.Max(hi, p.Value)
	}
	if top > 0 {
		hi = math.Max(hi, top)
	}
	if hi == lo {
		hi = lo + 1
	}
	plotW, plotH := width-padLeft-4, height-padTop-padBot
	y := func(v float64) float64 { return padTop + plotH*(hi-v)/(hi-lo) }
	fmt.Fprintf(&b, `<line x1="%g" y1="%g" x2="%g" y2="%g" stroke="#999"/>`, padLeft, y(0), width-4, y(0))
	fmt.Fprintf(&b, `<text x="%g" y="%g" font-size="11" text-anchor="end">%s</text>`, padLeft-4, padTop+4, esc(format(hi)))
	n := len(points)
	if n == 0 {
		b.WriteString(`</svg>`)
		return template.HTML(b.String()) // #nosec G203 -- numbers and esc()-escaped labels only
	}
	step := plotW / float64(n)
	every := int(math.Ceil(float64(n) / 6)) // at most six labels fit on a phone
	var path []string
	for i, p := range points {
		x := padLeft + step*float64(i)
		if line {
			path = append(path, fmt.Sprintf("%.1f,%.1f", x+step/2, y(p.Value)))
		} else {
			top, bottom := y(math.Max(p.Value, 0)), y(math.Min(p.Value, 0))
			fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="#2f5d50"><title>%s: %s</title></rect>`,
				x+step*0.15, top, step*0.7, bottom-top, esc(p.Label), esc(format(p.Value)))
		}
		if (n-1-i)%every == 0 { // counted from the newest, which is always labelled
			fmt.Fprintf(&b, `<text x="%.1f" y="%g" font-size="11" text-anchor="middle">%s</text>`, x+step/2, height-6, esc(p.Label))
		}
	}
	if line {
		fmt.Fprintf(&b, `<polyline points="%s" fill="none" stroke="#2f5d50" stroke-width="2.5"/>`, strings.Join(path, " "))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String()) // #nosec G203 -- numbers and esc()-escaped labels only
}

func esc(s string) string { return template.HTMLEscapeString(s) }
