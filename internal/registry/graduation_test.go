package registry

import "testing"

func TestGraduationReady(t *testing.T) {
	const umk = umk2026
	above, at, below := umk+100, umk, umk-100
	tests := []struct {
		name    string
		incomes []int64
		wage    int64
		periods int
		want    bool
	}{
		{"three periods above", []int64{above, above, above}, umk, 3, true},
		{"only the window counts", []int64{below, below, above, above, above}, umk, 3, true},
		{"equal to UMK is not above", []int64{above, above, at}, umk, 3, false},
		{"one rupiah above", []int64{umk + 100}, umk, 1, true},
		{"fewer periods than needed", []int64{above, above}, umk, 3, false},
		{"no incomes", nil, umk, 1, false},
		{"dip in the middle of the window", []int64{above, below, above}, umk, 3, false},
		{"dip at the end", []int64{above, above, below}, umk, 3, false},
		{"dip just before the window", []int64{below, above, above, above}, umk, 3, true},
		{"periods zero", []int64{above}, umk, 0, false},
		{"periods negative", []int64{above}, umk, -1, false},
		{"minimum wage unknown", []int64{above, above, above}, 0, 3, false},
		{"minimum wage negative", []int64{1, 1, 1}, -5, 3, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := GraduationReady(tt.incomes, tt.wage, tt.periods); got != tt.want {
				t.Fatalf("GraduationReady = %v, want %v", got, tt.want)
			}
		})
	}
}
