package funds_test

import (
	"fmt"
	"net/http"
	"reflect"
	"testing"

	"github.com/peduli/peduli/internal/testkit"
)

// The ledger list comes a page at a time, oldest first; every page carries
// the totals of the whole ledger.
func TestLedgerListPages(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Halaman Kas")
		base := "/api/v1/t/" + g.Slug + "/ledger"
		var ids []string
		for day := 1; day <= 5; day++ {
			ids = append(ids, testkit.Str(e.Do(http.MethodPost, base, g.OwnerToken, map[string]any{"kind": "income",
				"amount": 1000000 * day, "currency": "idr", "category": "iuran",
				"occurred_on": fmt.Sprintf("2026-03-%02d", day)}).Expect(http.StatusCreated).Map(), "id"))
		}
		whole := e.Do(http.MethodGet, base, g.OwnerToken, nil).Expect(http.StatusOK).Map()
		if n := len(whole["items"].([]any)); n != 5 || whole["next_cursor"] != nil {
			t.Fatalf("default page: %d entries, next %v", n, whole["next_cursor"])
		}
		var walked []string
		cursor, pages := "", 0
		for {
			path := base + "?limit=2"
			if cursor != "" {
				path += "&cursor=" + cursor
			}
			page := e.Do(http.MethodGet, path, g.OwnerToken, nil).Expect(http.StatusOK).Map()
			pages++
			if !reflect.DeepEqual(page["totals"], whole["totals"]) || !reflect.DeepEqual(page["by_program"], whole["by_program"]) {
				t.Fatalf("page %d totals %v, whole ledger %v", pages, page["totals"], whole["totals"])
			}
			for _, it := range page["items"].([]any) {
				walked = append(walked, it.(map[string]any)["id"].(string))
			}
			next, _ := page["next_cursor"].(string)
			if next == "" {
				break
			}
			cursor = next
		}
		if pages != 3 || !reflect.DeepEqual(walked, ids) {
			t.Fatalf("%d pages walked %v, want 3 pages of %v", pages, walked, ids)
		}
		for _, bad := range []string{"limit=0", "limit=501", "limit=x", "cursor=" + g.TenantID, "cursor=nope"} {
			e.Do(http.MethodGet, base+"?"+bad, g.OwnerToken, nil).ExpectProblem(http.StatusUnprocessableEntity, "validation_failed")
		}
	})
}

// The donation list pages newest first by its cursor.
func TestDonationListPages(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Halaman Donasi")
		var ids []string
		for i := 0; i < 3; i++ {
			ids = append([]string{testkit.Str(e.CashGift(g, g.OwnerToken, int64(1000000+i)), "id")}, ids...)
		}
		base := "/api/v1/t/" + g.Slug + "/donations?limit=2"
		first := e.Do(http.MethodGet, base, g.OwnerToken, nil).Expect(http.StatusOK).Map()
		next := testkit.Str(first, "next_cursor")
		second := e.Do(http.MethodGet, base+"&cursor="+next, g.OwnerToken, nil).Expect(http.StatusOK).Map()
		var walked []string
		for _, page := range []map[string]any{first, second} {
			for _, it := range page["items"].([]any) {
				walked = append(walked, it.(map[string]any)["id"].(string))
			}
		}
		if !reflect.DeepEqual(walked, ids) || testkit.Str(second, "next_cursor") != "" {
			t.Fatalf("pages %v (next %q), want %v", walked, testkit.Str(second, "next_cursor"), ids)
		}
	})
}
