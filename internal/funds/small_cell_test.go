package funds_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/peduli/peduli/internal/funds"
)

// TestSmallCellCount: the public count of enterprises follows the
// coordinators' rule: 1 to 4 read "<5", the rest is rounded to 5, in JSON
// and on the page alike.
func TestSmallCellCount(t *testing.T) {
	for n, want := range map[int]string{0: "0", 1: "<5", 4: "<5", 5: "5", 7: "5", 8: "10", 23: "25"} {
		b, err := json.Marshal(funds.SmallCellCount(n))
		var got any
		if err == nil {
			err = json.Unmarshal(b, &got)
		}
		if err != nil || fmt.Sprint(got) != want || funds.SmallCellCount(n).String() != want {
			t.Errorf("%d → JSON %s, page %q (%v), want %s", n, b, funds.SmallCellCount(n).String(), err, want)
		}
	}
}
