package regions

import (
	"encoding/json"
	"math"
	"strconv"
)

// MinCell is the smallest number of people a figure shown outside a group
// may count; smaller non-zero counts are suppressed.
const MinCell = 5

// Suppressed is how a suppressed cell reads in JSON, CSV and XLSX.
const Suppressed = "<5"

// Count is a number of people as a coordinator may see it. Publish makes
// one: fewer than MinCell people (but some) is suppressed, anything else is
// rounded to the nearest multiple of 5.
//
// Why both rules. Suppression alone hides a small cell but not its
// difference: with exact counts, "people served January–June" minus
// "January–May" tells how many were served in June alone, however small,
// and a regency total minus a sub-district total gives the other
// sub-districts' sum. So (1) counts are rounded to base 5, which makes the
// difference of two published counts a multiple of 5 whose true value is
// uncertain by ±4 — a difference of 1 or 2 people cannot be told from 0;
// (2) totals are the sum of the cells shown (TotalOf), never of the exact
// counts, so no total carries a suppressed cell that subtraction could
// recover; and (3) report periods snap to whole months, which limits the
// number of distinct ranges one can ask for.
type Count struct {
	Value      int
	Suppressed bool
}

// Publish turns an exact count of people into what coordinators see.
func Publish(n int) Count {
	if n > 0 && n < MinCell {
		return Count{Suppressed: true}
	}
	return Count{Value: (n + 2) / 5 * 5}
}

// TotalOf sums the cells shown. A suppressed cell adds nothing; when
// nothing but suppressed cells remain, the total is suppressed too.
func TotalOf(cells ...Count) Count {
	sum, hidden := 0, false
	for _, c := range cells {
		if c.Suppressed {
			hidden = true
			continue
		}
		sum += c.Value
	}
	if sum == 0 && hidden {
		return Count{Suppressed: true}
	}
	return Count{Value: sum}
}

// String is the cell as CSV and XLSX print it.
func (c Count) String() string {
	if c.Suppressed {
		return Suppressed
	}
	return strconv.Itoa(c.Value)
}

// suppressedJSON is Suppressed as a JSON string.
var suppressedJSON = []byte(`"` + Suppressed + `"`)

// MarshalJSON writes a number, or "<5" when suppressed. It formats the
// number itself: a province report writes hundreds of thousands of cells.
func (c Count) MarshalJSON() ([]byte, error) {
	if c.Suppressed {
		return suppressedJSON, nil
	}
	return strconv.AppendInt(nil, int64(c.Value), 10), nil
}

// Measure is a rate, median or amount computed over people: suppressed when
// it rests on fewer than MinCell of them, null when there is nothing to
// compute it from.
type Measure struct {
	Value      float64
	Known      bool
	Suppressed bool
}

// MeasureOver publishes v computed over people persons.
func MeasureOver(v float64, known bool, people int) Measure {
	switch {
	case !known || people == 0:
		return Measure{}
	case people < MinCell:
		return Measure{Suppressed: true}
	}
	return Measure{Value: v, Known: true}
}

// MedianOver publishes a median of people's values. With an odd number of
// people a median is one person's own value, so it is shown to two
// significant digits only (Rp 1.234.567 reads Rp 1.200.000).
func MedianOver(v int64, known bool, people int) Measure {
	return MeasureOver(roundSignificant(float64(v), 2), known, people)
}

// roundSignificant rounds v to n significant digits.
func roundSignificant(v float64, n int) float64 {
	if v == 0 {
		return 0
	}
	scale := math.Pow(10, float64(n)-math.Ceil(math.Log10(math.Abs(v))))
	return math.Round(v*scale) / scale
}

// Sortable returns a key for ordering: suppressed and unknown sort lowest.
func (m Measure) Sortable() float64 {
	if !m.Known {
		return math.Inf(-1)
	}
	return m.Value
}

// String is the cell as CSV and XLSX print it.
func (m Measure) String() string {
	switch {
	case m.Suppressed:
		return Suppressed
	case !m.Known:
		return ""
	}
	return strconv.FormatFloat(m.Value, 'f', -1, 64)
}

// MarshalJSON writes a number, "<5" when suppressed, null when unknown.
func (m Measure) MarshalJSON() ([]byte, error) {
	switch {
	case m.Suppressed:
		return suppressedJSON, nil
	case !m.Known:
		return []byte("null"), nil
	}
	// Plain decimal notation is what encoding/json writes in this range.
	if a := math.Abs(m.Value); a == 0 || (a >= 1e-6 && a < 1e21) {
		return strconv.AppendFloat(nil, m.Value, 'f', -1, 64), nil
	}
	return json.Marshal(m.Value)
}
