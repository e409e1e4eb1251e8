package regions_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/regions"
	"github.com/peduli/peduli/internal/testkit"
)

// seedGroups inserts n groups under Kupang Tengah straight into the
// database, each with a rollup row, so the benchmark measures reading, not
// sign-up.
func seedGroups(b *testing.B, e *testkit.Env, n int) {
	b.Helper()
	now := time.Now().UTC()
	g := e.Owner.Global(context.Background())
	for i := 0; i < n; i++ {
		id := db.NewID()
		if err := g.Exec(`INSERT INTO tenants (id, slug, name, status, verified, region_code, created_at, updated_at)
			VALUES (?, ?, ?, 'active', false, '53.01.08.2011', ?, ?)`, id, testkit.Unique("bench"), fmt.Sprintf("Bench %04d", i), now, now).Error; err != nil {
			b.Fatal(err)
		}
		if err := g.Exec(`INSERT INTO group_figures (tenant_id, people_served, prse_served, activities_90d, refreshed_at)
			VALUES (?, ?, ?, ?, ?)`, id, i%40, i%7, i%12, now).Error; err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRegionGroups reads the first page of a regency of 500 groups
// sorted by a figure, as GET /regions/{code}/groups does.
func BenchmarkRegionGroups(b *testing.B) {
	for _, d := range testkit.Dialects(b) {
		b.Run(string(d), func(b *testing.B) {
			e := testkit.New(b, d)
			seedGroups(b, e, 500)
			ctx := context.Background()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := e.App.Regions.GroupsPage(ctx, "53.01", regions.GroupQuery{Sort: "-beneficiaries_served"}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRegionReport builds the report of a sub-district of 50 groups
// for a period the rollup does not keep, each computed in its own scope.
func BenchmarkRegionReport(b *testing.B) {
	for _, d := range testkit.Dialects(b) {
		b.Run(string(d), func(b *testing.B) {
			e := testkit.New(b, d)
			seedGroups(b, e, 50)
			ctx := context.Background()
			r, err := e.App.Tenancy.Store.Region(ctx, "53.01.08")
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := e.App.Regions.Report(ctx, r, "2026-01-01", "2026-12-31", "bench"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRefreshStale brings the rollup of 200 groups up to date when
// nothing changed: one read of the change marks and one of the stale groups.
func BenchmarkRefreshStale(b *testing.B) {
	for _, d := range testkit.Dialects(b) {
		b.Run(string(d), func(b *testing.B) {
			e := testkit.New(b, d)
			seedGroups(b, e, 200)
			ctx := context.Background()
			if _, err := e.App.Regions.RefreshStale(ctx); err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := e.App.Regions.RefreshStale(ctx); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
