package regions

import (
	"reflect"
	"testing"
)

func TestStoredRowRoundTrips(t *testing.T) {
	for _, x := range []exactRow{
		{Programs: map[string]int{}, Outcomes: []exactOutcome{}},
		{Served: 12, PRSE: 7, Activities: 48, Expected: 712, Present: 583, Attending: 39, MoneyIn: 1437500000, MoneyOut: -5, Donations: 3,
			Programs: map[string]int{"": 2, "tenun-ikat": 1, "a;b|c,d=e:f": 3},
			Outcomes: []exactOutcome{{Indicator: "monthly_income", People: 6, Changes: []int64{-24169700, 0, 5, 7, 9, 12}},
				{Indicator: "odd|key;x", People: 3}}},
	} {
		got, err := decodeRow(x.encode())
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, x) {
			t.Errorf("round trip %+v, got %+v", x, got)
		}
	}
	for _, bad := range []string{"", "r0;1;2;3;4;5;6;7;8;9;;", "r1;1;2;3;4;5;6;7;8;x;;", "r1;1;2;3;4;5;6;7;8;9;k;", "r1;1;2;3;4;5;6;7;8;9;;i:1"} {
		if _, err := decodeRow(bad); err == nil {
			t.Errorf("decodeRow(%q) took a bad row", bad)
		}
	}
}
