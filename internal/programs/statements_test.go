package programs_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/peduli/peduli/internal/testkit"
)

// maxProgramStatements bounds the SQL statements of each program route
// below over HTTP, session and permission checks included (on PostgreSQL
// BEGIN and COMMIT come on top, uncounted; PostgreSQL runs one more than
// SQLite, the figures are its).
var maxProgramStatements = map[string]int64{"program": 6, "programs": 6, "members": 6, "activities": 7,
	"attendance": 7, "mark_attendance": 12, "progress": 13, "dashboard_figures": 8}

// TestProgramStatementsDoNotGrowWithMembers: each program page costs the
// same statements for a program of 40 members as for one of 4 — no
// statement per member, activity or outcome (N+1) — and so do the
// dashboard figures.
func TestProgramStatementsDoNotGrowWithMembers(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		ctx := context.Background()
		queries := testkit.CountStatements(t, e.App.DB.Global(ctx))
		cost := func(name string, n int) map[string]int64 {
			g := e.SignupGroup(name)
			pid := testkit.Str(e.CreateProgram(g, g.OwnerToken, map[string]any{"template_key": "tenun-ikat", "starts_on": "2025-01-05"}), "id")
			members, activity := seedProgram(t, e, g, pid, n)
			base := "/api/v1/t/" + g.Slug
			out := map[string]int64{}
			for _, c := range programPageRequests(base, pid, activity, members) {
				var body any
				if c.body != "" {
					body = c.body
				}
				e.Do(c.method, c.url, g.OwnerToken, body).Expect(http.StatusOK) // warm the key cache
				queries.Store(0)
				e.Do(c.method, c.url, g.OwnerToken, body).Expect(http.StatusOK)
				out[c.name] = queries.Load()
			}
			queries.Store(0)
			if _, err := e.App.Programs.DashboardFigures(ctx, e.App.DB.Scope(g.TenantID)); err != nil {
				t.Fatal(err)
			}
			out["dashboard_figures"] = queries.Load()
			return out
		}
		small, big := cost("Rindu Sejahtera", 4), cost("Tunas Harapan", 40)
		t.Logf("statements: 4 members %v, 40 members %v", small, big)
		if len(big) != len(maxProgramStatements) {
			t.Fatalf("measured %d routes, want %d", len(big), len(maxProgramStatements))
		}
		for name, n := range big {
			if n != small[name] || n > maxProgramStatements[name] {
				t.Errorf("%s: %d statements with 40 members, %d with 4; want the same, at most %d", name, n, small[name], maxProgramStatements[name])
			}
		}
	})
}
