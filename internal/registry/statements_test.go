package registry_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/testkit"
)

// maxListStatements bounds the SQL statements of one page of the
// beneficiary list over HTTP, session and permission checks included
// (on PostgreSQL BEGIN, set_config and COMMIT come on top, uncounted).
const maxListStatements = 5

// TestListStatementsDoNotGrowWithThePage: a page of 50 beneficiaries costs
// the same few statements as a page of 5 — no statement per row (N+1) —
// on the first page, a later page and a search.
func TestListStatementsDoNotGrowWithThePage(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		ctx := context.Background()
		g := e.SignupGroup("Rindu Sejahtera")
		scope, actor := e.App.DB.Scope(g.TenantID), audit.Actor{UserID: g.OwnerID}
		names := []string{"Maria Bria", "Yuliana Ndun", "Agustina Tefa"}
		var ids []string
		add := func(n int) {
			for i := 0; i < n; i++ {
				id, err := seedOne(ctx, e, scope, actor, names, len(ids))
				if err != nil {
					t.Fatal(err)
				}
				ids = append(ids, id)
			}
		}
		queries := testkit.CountStatements(t, e.App.DB.Global(ctx))
		base := beneficiariesURL(g)
		cost := func(url string, want int) int64 {
			t.Helper()
			e.Do(http.MethodGet, url, g.OwnerToken, nil).Expect(http.StatusOK) // warm the key cache
			queries.Store(0)
			items := e.Do(http.MethodGet, url, g.OwnerToken, nil).Expect(http.StatusOK).Map()["items"].([]any)
			if len(items) != want {
				t.Fatalf("%s: %d items, want %d", url, len(items), want)
			}
			return queries.Load()
		}
		add(5)
		small := []int64{cost(base+"?limit=50", 5), cost(base+"?limit=50&q=bria", 2)}
		add(115)
		big := []int64{cost(base+"?limit=50", 50), cost(base+"?limit=50&q=bria", 40)}
		t.Logf("statements per page: 5 rows %v, 50 rows %v", small, big)
		for i := range small {
			if big[i] != small[i] || big[i] > maxListStatements {
				t.Errorf("page %d: %d statements for 50 rows, %d for 5; want the same, at most %d", i, big[i], small[i], maxListStatements)
			}
		}
	})
}
