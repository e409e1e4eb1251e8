package regions

import (
	"encoding/json"
	"testing"
)

func TestPublishSuppressesAndRounds(t *testing.T) {
	cases := map[int]string{0: "0", 1: "<5", 4: "<5", 5: "5", 7: "5", 8: "10", 12: "10", 13: "15", 103: "105"}
	for n, want := range cases {
		if got := Publish(n).String(); got != want {
			t.Errorf("Publish(%d) = %s, want %s", n, got, want)
		}
	}
	if got := TotalOf(Publish(3), Publish(6), Publish(12)).String(); got != "15" {
		t.Errorf("total = %s, want 15 (the suppressed 3 adds nothing)", got)
	}
	if got := TotalOf(Publish(3), Publish(0)).String(); got != "<5" {
		t.Errorf("total of a suppressed cell alone = %s", got)
	}
	if m := MedianOver(123456789, true, 5); m.Value != 120000000 {
		t.Errorf("median = %v", m.Value)
	}
	if m := MedianOver(-2345, true, 5); m.Value != -2300 {
		t.Errorf("negative median = %v", m.Value)
	}
	if m := MedianOver(100, true, 4); !m.Suppressed {
		t.Errorf("a median over 4 people is shown")
	}
}

func TestCSVTextIsNeverAFormula(t *testing.T) {
	for in, want := range map[string]string{"=HYPERLINK(\"x\")": "'=HYPERLINK(\"x\")", "+1": "'+1", "@SUM(A1)": "'@SUM(A1)",
		"-1": "'-1", "Rindu Sejahtera": "Rindu Sejahtera", "": ""} {
		if got := spreadsheetText(in); got != want {
			t.Errorf("spreadsheetText(%q) = %q, want %q", in, got, want)
		}
	}
}

// A cell's JSON is what encoding/json writes for its value.
func TestCellJSONIsPlainJSON(t *testing.T) {
	for _, v := range []float64{0, 0.75, 1, -24169700, 20000000, 1e-7, 3.5e21, 0.1 + 0.2} {
		got, _ := Measure{Value: v, Known: true}.MarshalJSON()
		want, _ := json.Marshal(v)
		if string(got) != string(want) {
			t.Errorf("Measure %v = %s, want %s", v, got, want)
		}
	}
	for _, n := range []int{0, 5, 10, 123455} {
		got, _ := Count{Value: n}.MarshalJSON()
		want, _ := json.Marshal(n)
		if string(got) != string(want) {
			t.Errorf("Count %d = %s, want %s", n, got, want)
		}
	}
	if got, _ := (Count{Suppressed: true}).MarshalJSON(); string(got) != `"<5"` {
		t.Errorf("suppressed count = %s", got)
	}
}
