package regions_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/peduli/peduli/internal/testkit"
)

// The coordinators' group list comes a page at a time: walking the pages
// gives every group once, in the order of the unpaged sort, and only the
// first page carries the monthly chart.
func TestCoordinatorGroupListPages(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		const code = "53.71.05" // Kota Raja: no other test places groups here
		want, slugOf := map[string]bool{}, map[string]string{}
		served := map[string]int{"Kenanga": 11, "Dahlia": 7, "Anyelir": 6, "Cempaka": 3}
		for _, name := range []string{"Dahlia", "Anyelir", "Kenanga", "Bougenvil", "Cempaka", "Flamboyan", "Edelweis"} {
			g := e.SignupGroupIn("Kelompok "+name, code)
			want[g.Slug], slugOf[g.Slug] = true, name
			for range served[name] {
				e.CreateBeneficiary(g, g.OwnerToken, nil)
			}
		}
		e.RefreshFigures()
		co := e.Coordinator(code)
		// Sorted by the published count: 11 shows 10, 7 and 6 both show 5
		// and so go by name, 3 shows "<5" (between 0 and 5), then the rest.
		bySize := "Kenanga Anyelir Dahlia Cempaka Bougenvil Edelweis Flamboyan"
		for _, sort := range []string{"", "-name", "-beneficiaries_served", "beneficiaries_served", "-attendance_rate_90d", "last_activity_on"} {
			all := e.Do(http.MethodGet, "/api/v1/regions/"+code+"/groups?limit=200&sort="+url.QueryEscape(sort), co.Token, nil).
				Expect(http.StatusOK).Map()
			var order []string
			for _, it := range all["items"].([]any) {
				order = append(order, it.(map[string]any)["slug"].(string))
			}
			if len(order) != len(want) || all["next_cursor"] != nil {
				t.Fatalf("sort %q, one page of 200: %d groups, next %v", sort, len(order), all["next_cursor"])
			}
			if sort == "-beneficiaries_served" {
				var names []string
				for _, s := range order {
					names = append(names, slugOf[s])
				}
				if got := strings.Join(names, " "); got != bySize {
					t.Fatalf("by -beneficiaries_served: %s, want %s", got, bySize)
				}
			}
			var walked []string
			cursor, pages := "", 0
			for {
				q := url.Values{"limit": {"3"}, "sort": {sort}}
				if cursor != "" {
					q.Set("cursor", cursor)
				}
				page := e.Do(http.MethodGet, "/api/v1/regions/"+code+"/groups?"+q.Encode(), co.Token, nil).
					Expect(http.StatusOK).Map()
				pages++
				if _, has := page["months"]; has != (cursor == "") {
					t.Errorf("sort %q page %d: months present = %v", sort, pages, has)
				}
				items := page["items"].([]any)
				if len(items) > 3 {
					t.Fatalf("page of %d, limit 3", len(items))
				}
				for _, it := range items {
					walked = append(walked, it.(map[string]any)["slug"].(string))
				}
				next, _ := page["next_cursor"].(string)
				if next == "" {
					break
				}
				cursor = next
			}
			if pages != 3 || len(walked) != len(order) {
				t.Fatalf("sort %q: %d pages, %d groups; want 3 pages of the %d", sort, pages, len(walked), len(order))
			}
			for i := range order {
				if walked[i] != order[i] {
					t.Fatalf("sort %q: paged order %v, unpaged %v", sort, walked, order)
				}
			}
		}
		for _, bad := range []string{"limit=0", "limit=201", "limit=x", "cursor=no-such-group"} {
			e.Do(http.MethodGet, "/api/v1/regions/"+code+"/groups?"+bad, co.Token, nil).
				ExpectProblem(http.StatusUnprocessableEntity, "validation_failed")
		}
	})
}
