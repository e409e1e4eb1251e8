package db_test

import (
	"context"
	"testing"

	"gorm.io/gorm"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/testkit"
)

func setting(t *testing.T, g *gorm.DB, name string) string {
	t.Helper()
	var v string
	if err := g.Raw(`SELECT current_setting(?)`, name).Row().Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// TestTenantTransactionPlansWithoutJITOrParallelWorkers: a tenant
// transaction reads one group's rows, so it plans without JIT compilation
// or parallel workers (which a too-high estimate would otherwise buy for
// hundreds of milliseconds), and the connection goes back to the pool with
// the server's own settings.
func TestTenantTransactionPlansWithoutJITOrParallelWorkers(t *testing.T) {
	e := testkit.NewPostgres(t)
	_, appURL := testkit.PostgresURLs(t)
	ctx := context.Background()
	a, _ := twoTenants(t, e)
	one, err := db.OpenPostgres(appURL, db.Options{MaxOpenConns: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer one.Close()
	before := map[string]string{}
	for _, name := range []string{"jit", "max_parallel_workers_per_gather"} {
		before[name] = setting(t, one.Global(ctx), name)
	}
	for _, scope := range []func(func(*db.Tenant) error) error{
		func(fn func(*db.Tenant) error) error { return one.Scope(a).Read(ctx, fn) },
		func(fn func(*db.Tenant) error) error { return one.Scope(a).Write(ctx, fn) },
	} {
		if err := scope(func(tx *db.Tenant) error {
			if got := setting(t, tx.DB(), "jit"); got != "off" {
				t.Errorf("jit in a tenant transaction = %q, want off", got)
			}
			if got := setting(t, tx.DB(), "max_parallel_workers_per_gather"); got != "0" {
				t.Errorf("max_parallel_workers_per_gather in a tenant transaction = %q, want 0", got)
			}
			if got := setting(t, tx.DB(), "app.tenant_id"); got != a {
				t.Errorf("app.tenant_id = %q, want %q", got, a)
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		for name, want := range before {
			if got := setting(t, one.Global(ctx), name); got != want {
				t.Errorf("%s after the tenant transaction = %q, want the server's %q", name, got, want)
			}
		}
	}
}
