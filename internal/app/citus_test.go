package app_test

import (
	"context"
	"os"
	"regexp"
	"slices"
	"testing"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/testkit"
)

// tenantKeyExceptions are the only keys and indexes of tenant tables that
// do not lead with tenant_id, each a lookup made before any tenant is
// known. On Citus their tables are local (donation_routes) or the index is
// a non-unique one, which Citus allows on a distributed table (the rare
// query fans out to every shard).
var tenantKeyExceptions = map[string]string{
	"donation_routes/donation_routes_pkey":      "a Stripe or receipt reference finds its tenant (a local table on Citus)",
	"audit_events/audit_events_actor_idx":       "\"peduli audit reads --user\" lists one user's reads in every group",
	"group_hosts/group_hosts_host_idx":          "the platform admin lists a donation host's groups",
	"memberships/memberships_user_idx":          "a person's groups are listed at login and for her menu",
	"group_figures/group_figures_refreshed_idx": "the daily rollup share takes the groups with the oldest figures",
	"group_changes/group_changes_time_idx":      "the rollup takes the oldest changed groups (a local table on Citus)",
}

// TestTenantKeysLeadWithTenantID is what distributing by tenant needs:
// every tenant table (one with a NOT NULL tenant_id) has a primary key, and
// its primary key, its foreign keys to other tenant tables and its indexes
// lead with tenant_id. deploy/citus/distribute.sql names every table.
func TestTenantKeysLeadWithTenantID(t *testing.T) {
	if !slices.Contains(testkit.Dialects(t), db.Postgres) {
		t.Skip("needs PostgreSQL (PEDULI_TEST_POSTGRES_URL)")
	}
	e := testkit.New(t, db.Postgres)
	var rows []struct{ What, TableName, Name string }
	err := e.Owner.Global(context.Background()).Raw(`
WITH tt AS (
  SELECT c.oid, c.relname, a.attnum AS tnum FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND a.attnotnull
  WHERE c.relkind IN ('r', 'p'))
SELECT 'primary key' AS what, tt.relname AS table_name, coalesce(con.conname, '(none)') AS name FROM tt
  LEFT JOIN pg_constraint con ON con.conrelid = tt.oid AND con.contype = 'p'
  WHERE con.oid IS NULL OR con.conkey[1] <> tt.tnum
UNION ALL
SELECT 'foreign key', tt.relname, con.conname FROM tt
  JOIN pg_constraint con ON con.conrelid = tt.oid AND con.contype = 'f'
  JOIN tt ref ON ref.oid = con.confrelid
  WHERE con.conkey[1] <> tt.tnum OR con.confkey[1] <> ref.tnum
UNION ALL
SELECT 'index', tt.relname, ic.relname FROM tt
  JOIN pg_index i ON i.indrelid = tt.oid
  JOIN pg_class ic ON ic.oid = i.indexrelid
  WHERE i.indkey[0] <> tt.tnum
  AND NOT EXISTS (SELECT 1 FROM pg_constraint p WHERE p.conindid = i.indexrelid AND p.contype = 'p')`).Scan(&rows).Error
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if _, ok := tenantKeyExceptions[r.TableName+"/"+r.Name]; ok {
			continue
		}
		t.Errorf("%s %s of tenant table %s does not lead with tenant_id", r.What, r.Name, r.TableName)
	}

	// Every table is placed by the Citus script, once.
	var tables []string
	err = e.Owner.Global(context.Background()).Raw(`SELECT c.relname FROM pg_class c
		JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
		WHERE c.relkind IN ('r', 'p') AND c.relname <> 'goose_db_version' AND NOT c.relispartition`).Scan(&tables).Error
	if err != nil {
		t.Fatal(err)
	}
	script, err := os.ReadFile("../../deploy/citus/distribute.sql")
	if err != nil {
		t.Fatal(err)
	}
	placed := map[string]int{}
	for _, m := range regexp.MustCompile(`(?m)^SELECT (create_reference_table|create_distributed_table|citus_add_local_table_to_metadata)\('([a-z_0-9]+)'`).FindAllStringSubmatch(string(script), -1) {
		placed[m[2]]++
	}
	for _, table := range tables {
		if placed[table] != 1 {
			t.Errorf("deploy/citus/distribute.sql places table %s %d times, want once", table, placed[table])
		}
	}
	for table := range placed {
		if !slices.Contains(tables, table) {
			t.Errorf("deploy/citus/distribute.sql names %s, which the schema lacks", table)
		}
	}
}
