package db_test

import (
	"context"
	"testing"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/testkit"
)

// BenchmarkTenantRead measures what the second wall costs per request: a
// scoped read as the app role (BEGIN, set_config, the query under RLS,
// COMMIT) against the same query sent alone on the owner's connection.
func BenchmarkTenantRead(b *testing.B) {
	e := testkit.NewPostgres(b)
	ctx := context.Background()
	g := e.SignupGroup("Kelompok Ukur")
	b.Run("scoped+rls", func(b *testing.B) {
		for range b.N {
			_ = e.App.DB.Scope(g.TenantID).Read(ctx, func(t *db.Tenant) error {
				var n int64
				return t.DB().Raw(`SELECT count(*) FROM audit_events WHERE tenant_id = ?`, g.TenantID).Scan(&n).Error
			})
		}
	})
	b.Run("owner-no-rls", func(b *testing.B) {
		for range b.N {
			var n int64
			_ = e.Owner.Global(ctx).Raw(`SELECT count(*) FROM audit_events WHERE tenant_id = ?`, g.TenantID).Scan(&n).Error
		}
	})
}
