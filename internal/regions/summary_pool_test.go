package regions_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/peduli/peduli/internal/devseed"
	"github.com/peduli/peduli/internal/testkit"
)

// A group's summary (the dashboard's figures) reads the minimum wage for
// graduation inside its own transaction: with more concurrent requests than
// the pool has connections, none may wait for a second connection while
// holding one, or every request waits forever.
func TestSummaryUnderMoreRequestsThanConnections(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		a := e.App
		ctx := context.Background()
		if _, err := devseed.Run(ctx, devseed.Deps{DB: a.DB, Tenancy: a.Tenancy.Store, Registry: a.Registry,
			Programs: a.Programs.Store, Funds: a.Funds}, devseed.Options{Groups: 1, Staff: 1, Beneficiaries: 30,
			Seed: 5, Until: time.Now().UTC().AddDate(0, 0, -1), Password: "benih-peduli-dev", Workers: 1}); err != nil {
			t.Fatal(err)
		}
		a.Access.EvictAll()
		token := testkit.Str(e.Do(http.MethodPost, "/api/v1/auth/login", "", map[string]any{
			"email": devseed.StaffEmail(0, 0), "password": "benih-peduli-dev"}).Expect(http.StatusOK).Map(), "token")
		const clients = 48 // more than either pool's connections
		var wg sync.WaitGroup
		statuses := make(chan int, clients)
		for i := 0; i < clients; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				req := httptest.NewRequest(http.MethodGet, "/api/v1/t/"+devseed.GroupSlug(0)+"/reports/summary", nil)
				req.Header.Set("Authorization", "Bearer "+token)
				res, err := a.HTTP.Test(req, 30_000)
				if err != nil {
					statuses <- 0
					return
				}
				res.Body.Close()
				statuses <- res.StatusCode
			}()
		}
		wg.Wait()
		close(statuses)
		for s := range statuses {
			if s != http.StatusOK {
				t.Fatalf("a summary request answered %d (0: no answer within 30 s)", s)
			}
		}
	})
}
