package registry_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/registry"
	"github.com/peduli/peduli/internal/testkit"
)

// BenchmarkBeneficiaryList measures GET …/beneficiaries over HTTP with
// 10,000 beneficiaries in one tenant: time per request and SQL statements
// per request (counted by a GORM callback; on PostgreSQL each request also
// runs BEGIN and COMMIT, which GORM does not count). PostgreSQL runs when
// PEDULI_TEST_POSTGRES_URL is set.
func BenchmarkBeneficiaryList(b *testing.B) {
	for _, d := range testkit.Dialects(b) {
		b.Run(string(d), func(b *testing.B) {
			e := testkit.New(b, d)
			g := e.SignupGroup("Rindu Sejahtera")
			ids := seed(b, e, g, 10000)
			queries := testkit.CountStatements(b, e.App.DB.Global(context.Background()))
			base := beneficiariesURL(g)
			b.Run("service_first_page", func(b *testing.B) {
				scope := e.App.DB.Scope(g.TenantID)
				for i := 0; i < b.N; i++ {
					if _, err := e.App.Registry.List(context.Background(), scope, audit.Actor{}, registry.ListQuery{Limit: 50}); err != nil {
						b.Fatal(err)
					}
				}
			})
			for _, c := range []struct{ name, url string }{
				{"first_page", base + "?limit=50"},
				{"middle_page", base + "?limit=50&cursor=" + ids[len(ids)/2]},
				{"search", base + "?limit=50&q=" + "bria"},
			} {
				b.Run(c.name, func(b *testing.B) {
					// Straight to the App's handler: the test client's OpenAPI
					// check would be measured too.
					send := func() {
						req := httptest.NewRequest(http.MethodGet, c.url, nil)
						req.Header.Set("Authorization", "Bearer "+g.OwnerToken)
						res, err := e.App.HTTP.Test(req, -1)
						if err != nil || res.StatusCode != http.StatusOK {
							b.Fatalf("list: %v %v", res, err)
						}
						_, _ = io.Copy(io.Discard, res.Body)
						res.Body.Close()
					}
					send() // warm the key cache
					queries.Store(0)
					b.ResetTimer()
					for i := 0; i < b.N; i++ {
						send()
					}
					b.ReportMetric(float64(queries.Load())/float64(b.N), "queries/op")
				})
			}
		})
	}
}

// seed registers n beneficiaries through the service (the HTTP path adds
// nothing to what is measured here) and returns their ids.
func seed(b *testing.B, e *testkit.Env, g *testkit.Group, n int) []string {
	b.Helper()
	ctx := context.Background()
	scope := e.App.DB.Scope(g.TenantID)
	actor := audit.Actor{UserID: g.OwnerID}
	names := []string{"Maria Bria", "Yuliana Ndun", "Agustina Tefa", "Ester Lopo", "Dorkas Bana", "Selfina Nubatonis"}
	start := time.Now()
	ids := make([]string, n)
	// Several writers at once: on PostgreSQL each commit waits for its
	// flush, and concurrent commits share one.
	workers := 1
	if e.Dialect == db.Postgres {
		workers = 8
	}
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < n; i += workers {
				id, err := seedOne(ctx, e, scope, actor, names, i)
				if err != nil {
					errs <- err
					return
				}
				ids[i] = id
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		b.Fatalf("seed: %v", err)
	}
	// What autovacuum would do by itself a moment later.
	if err := e.Owner.Global(ctx).Exec("ANALYZE beneficiaries").Error; err != nil {
		b.Fatal(err)
	}
	b.Logf("seeded %d beneficiaries in %s", n, time.Since(start).Round(time.Millisecond))
	sort.Strings(ids)
	return ids
}

func seedOne(ctx context.Context, e *testkit.Env, scope db.Scope, actor audit.Actor, names []string, i int) (string, error) {
	birth := time.Date(1970+i%35, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC)
	name := fmt.Sprintf("%s %05d", names[i%len(names)], i)
	nik := fmt.Sprintf("530108%02d%02d%02d%04d", birth.Day()+40, int(birth.Month()), birth.Year()%100, 1+i%9999)
	phone := fmt.Sprintf("0812%08d", i)
	income := int64(50000000 + i)
	v, err := e.App.Registry.Create(ctx, scope, actor, registry.Input{Name: &name, NIK: &nik, Phone: &phone,
		MonthlyIncome: &income, Consent: &registry.ConsentInput{Purposes: registry.Purposes}})
	return v.ID, err
}
