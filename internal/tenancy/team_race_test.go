package tenancy_test

import (
	"net/http"
	"sync"
	"testing"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/testkit"
)

// TestTwoOwnersDemotingEachOtherKeepOne: two owners, each on her own
// replica (on SQLite: her own connection pool on the same file), step each
// other down at the same moment. Whatever the order, the group keeps an
// owner: one change succeeds and the other is refused.
func TestTwoOwnersDemotingEachOtherKeepOne(t *testing.T) {
	for _, d := range testkit.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			one, two := testkit.Replicas(t, d)
			for round := range 5 {
				g := one.SignupGroup("Kelompok Dua Ketua")
				second := one.AddMember(g, access.Owner)
				base := "/api/v1/t/" + g.Slug + "/team/"
				// The second replica knows the team before the race.
				two.Do(http.MethodGet, base[:len(base)-1], second.Token, nil).Expect(http.StatusOK)
				var wg sync.WaitGroup
				statuses := make([]int, 2)
				wg.Add(2)
				go func() {
					defer wg.Done()
					statuses[0] = one.Do(http.MethodPatch, base+second.UserID, g.OwnerToken, map[string]any{"role": "admin"}).Status
				}()
				go func() {
					defer wg.Done()
					statuses[1] = two.Do(http.MethodPatch, base+g.OwnerID, second.Token, map[string]any{"role": "admin"}).Status
				}()
				wg.Wait()
				owners := 0
				for _, m := range one.App.Access.Members(g.TenantID) {
					if m.Role == access.Owner {
						owners++
					}
				}
				if owners != 1 {
					t.Fatalf("round %d: %d owners left (statuses %v), want exactly 1", round, owners, statuses)
				}
				ok := 0
				for _, s := range statuses {
					if s == http.StatusOK {
						ok++
					} else if s != http.StatusConflict && s != http.StatusForbidden {
						t.Fatalf("round %d: unexpected status %d", round, s)
					}
				}
				if ok != 1 {
					t.Fatalf("round %d: %d changes succeeded (statuses %v), want 1", round, ok, statuses)
				}
			}
		})
	}
}
