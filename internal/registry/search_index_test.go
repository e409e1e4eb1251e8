package registry_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/peduli/peduli/internal/devseed"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/testkit"
)

// On PostgreSQL, as the serving role, a name search reads the group's own
// entries of the (tenant_id, name, id) index and never scans the table:
// under forced row-level security a condition becomes an index condition
// only when its functions are leakproof, which lower() and LIKE are not,
// so a trigram index could not serve this role (see migration 00125).
func TestNameSearchReadsOnlyTheGroupsNameIndexOnPostgres(t *testing.T) {
	if len(testkit.Dialects(t)) < 2 {
		t.Skip("PostgreSQL only")
	}
	e := testkit.New(t, db.Postgres)
	ctx := context.Background()
	a := e.App
	if _, err := devseed.Run(ctx, devseed.Deps{DB: a.DB, Tenancy: a.Tenancy.Store, Registry: a.Registry,
		Programs: a.Programs.Store, Funds: a.Funds}, devseed.Options{Groups: 2, Staff: 1, Beneficiaries: 1500,
		Seed: 3, Until: time.Now().UTC().AddDate(0, 0, -1), Password: "benih-peduli-dev", Workers: 1}); err != nil {
		t.Fatal(err)
	}
	// As autovacuum would: it also moves new entries out of the GIN pending list.
	if err := e.Owner.Global(ctx).Exec("VACUUM ANALYZE beneficiaries").Error; err != nil {
		t.Fatal(err)
	}
	g, err := a.Tenancy.Store.TenantBySlug(ctx, devseed.GroupSlug(1))
	if err != nil {
		t.Fatal(err)
	}
	var plan []string
	err = a.DB.Scope(g.ID).Read(ctx, func(tx *db.Tenant) error {
		return tx.DB().Raw(`EXPLAIN SELECT id, name FROM beneficiaries WHERE tenant_id = ? AND deleted_at IS NULL
			AND LOWER(name) LIKE ? ESCAPE '\' ORDER BY name, id LIMIT 51`, g.ID, "%rosalina lay%").Scan(&plan).Error
	})
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(plan, "\n")
	if !strings.Contains(text, "Index Only Scan using beneficiaries_name_idx") || strings.Contains(text, "Seq Scan") {
		t.Fatalf("a name search does not stay on the group's name index:\n%s", text)
	}
}
