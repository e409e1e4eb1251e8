package app_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/testkit"
)

func TestPruneDeletesOnlyLongEndedSessions(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		ctx := context.Background()
		g := e.SignupGroup("Kelompok Bersih")
		old := testkit.Str(e.Do(http.MethodPost, "/api/v1/auth/login", "", map[string]any{
			"email": g.OwnerEmail, "password": testkit.Password}).Expect(http.StatusOK).Map(), "token")
		recent := testkit.Str(e.Do(http.MethodPost, "/api/v1/auth/login", "", map[string]any{
			"email": g.OwnerEmail, "password": testkit.Password}).Expect(http.StatusOK).Map(), "token")
		e.Do(http.MethodPost, "/api/v1/auth/logout", recent, nil).Expect(http.StatusNoContent)

		sessions := func() int64 {
			var n int64
			if err := e.Owner.Global(ctx).Table("sessions").Where("user_id = ?", g.OwnerID).Count(&n).Error; err != nil {
				t.Fatal(err)
			}
			return n
		}
		before := sessions()
		// The first login ended 40 days ago; the logout just now is recent.
		long := time.Now().UTC().AddDate(0, 0, -40)
		if err := e.Owner.Global(ctx).Exec("UPDATE sessions SET expires_at = ?, last_seen_at = ? WHERE token_hash = ?",
			long, long, identity.HashToken(old)).Error; err != nil {
			t.Fatal(err)
		}
		if err := e.App.Prune(ctx); err != nil {
			t.Fatal(err)
		}
		if after := sessions(); after != before-1 {
			t.Fatalf("sessions %d → %d, want exactly one pruned", before, after)
		}
		// The sign-up session still works; the pruned one never could.
		e.Do(http.MethodGet, "/api/v1/me", g.OwnerToken, nil).Expect(http.StatusOK)
		e.Do(http.MethodGet, "/api/v1/me", old, nil).ExpectProblem(http.StatusUnauthorized, "unauthenticated")
	})
}
