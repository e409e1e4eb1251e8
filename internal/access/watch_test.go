package access_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

// bound is how soon a role change made on one instance must be enforced on
// another.
const bound = time.Second

// watch starts the second instance's change watcher, as serve does.
func watch(t *testing.T, e *testkit.Env) {
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	if e.Dialect == db.Postgres {
		_, appURL := testkit.PostgresURLs(t)
		go e.App.Access.Listen(ctx, appURL)
	} else {
		go e.App.Access.WatchDataVersion(ctx)
	}
	time.Sleep(300 * time.Millisecond) // listening before the change
}

// within polls until ok or the bound passes, and reports how long it took.
func within(t *testing.T, what string, ok func() bool) {
	t.Helper()
	start := time.Now()
	for !ok() {
		if time.Since(start) > bound {
			t.Fatalf("%s: not seen by the other instance within %v", what, bound)
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Logf("%s: seen after %v", what, time.Since(start).Round(time.Millisecond))
}

// TestRoleChangeReachesOtherInstanceWithinASecond runs two instances on one
// database: two replicas on PostgreSQL, on SQLite a second pool on the same
// file (the command line is such a second process). A member removed and a
// platform admin and coordinator granted on one are enforced by the other
// within a second, each after the other instance had cached the old answer.
func TestRoleChangeReachesOtherInstanceWithinASecond(t *testing.T) {
	for _, d := range testkit.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			one, two := testkit.Replicas(t, d)
			g := one.SignupGroup("Kelompok Dua Server")
			m := one.AddMember(g, access.Facilitator)
			watch(t, two)

			team := "/api/v1/t/" + g.Slug + "/team"
			two.Do(http.MethodGet, team, m.Token, nil).Expect(http.StatusOK)
			one.Do(http.MethodDelete, team+"/"+m.UserID, g.OwnerToken, nil).Expect(http.StatusNoContent)
			within(t, "removal", func() bool { return two.Do(http.MethodGet, team, m.Token, nil).Status == http.StatusNotFound })

			s := one.Stranger()
			if two.App.Access.IsPlatformAdmin(s.UserID) {
				t.Fatal("a stranger is a platform admin")
			}
			if err := one.App.Access.GrantPlatformAdmin(s.UserID); err != nil {
				t.Fatal(err)
			}
			if !one.App.Access.IsPlatformAdmin(s.UserID) {
				t.Fatal("the instance that granted the role does not enforce it at once")
			}
			within(t, "platform admin", func() bool { return two.App.Access.IsPlatformAdmin(s.UserID) })

			if two.App.Access.Coordinates(s.UserID, []string{testkit.MatrixRegion}) {
				t.Fatal("a stranger coordinates a region")
			}
			if err := one.App.Access.AddCoordinator(s.UserID, testkit.MatrixRegion); err != nil {
				t.Fatal(err)
			}
			within(t, "coordinator", func() bool { return two.App.Access.Coordinates(s.UserID, []string{testkit.MatrixRegion}) })

			// None of it went to casbin_rule, which holds only permissions.
			var links int64
			if err := one.Owner.Global(context.Background()).Raw("SELECT count(*) FROM casbin_rule WHERE ptype <> 'p'").
				Scan(&links).Error; err != nil {
				t.Fatal(err)
			}
			if links != 0 {
				t.Fatalf("casbin_rule holds %d role links", links)
			}
		})
	}
}
