package registry_test

import (
	"net/http"
	"net/url"
	"sort"
	"testing"

	"github.com/peduli/peduli/internal/testkit"
)

func TestListPagingIsStableAndSearchable(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Rindu Sejahtera")
		other := e.SignupGroup("Kasih Ibu")
		e.CreateBeneficiary(other, other.OwnerToken, map[string]any{"name": "Maria Lain"})
		// Duplicate names must still page without loss or repetition.
		names := []string{"Maria Bria", "Maria Bria", "Maria Bria", "Yuliana Ndun", "Agustina Tefa", "maria kase",
			"Ester 50%_Lopo", "Dorkas Bana", "Ferderika Nenobais", "Maria Bria", "Selfina Nubatonis"}
		want := map[string]string{}
		for _, n := range names {
			want[e.CreateBeneficiary(g, g.OwnerToken, map[string]any{"name": n})] = n
		}
		deleted := e.CreateBeneficiary(g, g.OwnerToken, map[string]any{"name": "Terhapus"})
		e.Do(http.MethodDelete, beneficiariesURL(g)+"/"+deleted, g.OwnerToken, nil).Expect(http.StatusNoContent)

		walk := func(query string, limit string) []map[string]any {
			var out []map[string]any
			cursor := ""
			for pages := 0; ; pages++ {
				if pages > 20 {
					t.Fatal("paging does not end")
				}
				q := url.Values{"limit": {limit}}
				if query != "" {
					q.Set("q", query)
				}
				if cursor != "" {
					q.Set("cursor", cursor)
				}
				page := e.Do(http.MethodGet, beneficiariesURL(g)+"?"+q.Encode(), g.OwnerToken, nil).Expect(http.StatusOK).Map()
				for _, it := range page["items"].([]any) {
					out = append(out, it.(map[string]any))
				}
				next, _ := page["next_cursor"].(string)
				if next == "" {
					return out
				}
				cursor = next
			}
		}
		for _, limit := range []string{"1", "3", "4", "100"} {
			got := walk("", limit)
			if len(got) != len(names) {
				t.Fatalf("limit %s: %d items, want %d", limit, len(got), len(names))
			}
			seen := map[string]bool{}
			for i, it := range got {
				id := it["id"].(string)
				if seen[id] || want[id] == "" {
					t.Fatalf("limit %s: item %d (%s) repeated or foreign", limit, i, id)
				}
				seen[id] = true
				if i > 0 {
					prev := got[i-1]
					if prev["name"].(string) > it["name"].(string) ||
						prev["name"] == it["name"] && prev["id"].(string) > id {
						t.Fatalf("limit %s: not ordered by name then id at %d", limit, i)
					}
				}
			}
		}
		// Search is by part of the name, in any case, and takes % and _ literally.
		var maria []string
		for _, it := range walk("MARIA", "2") {
			maria = append(maria, it["name"].(string))
		}
		sort.Strings(maria)
		if len(maria) != 5 || maria[4] != "maria kase" {
			t.Errorf("search maria = %v", maria)
		}
		if got := walk("50%_", "10"); len(got) != 1 || got[0]["name"] != "Ester 50%_Lopo" {
			t.Errorf("search 50%%_ = %v", got)
		}
		if got := walk("%", "10"); len(got) != 1 {
			t.Errorf("search %% matched %d", len(got))
		}
	})
}
