package db_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

// TestEveryTenantTableForcesRowLevelSecurity fails when any table with a
// tenant_id column — this package's or a later migration's — lacks forced
// row-level security with a USING and WITH CHECK tenant policy.
func TestEveryTenantTableForcesRowLevelSecurity(t *testing.T) {
	e := testkit.NewPostgres(t)
	ctx := context.Background()
	problems, err := e.Owner.RLSProblems(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
	var n int64
	e.Owner.Global(ctx).Raw(`SELECT count(*) FROM information_schema.columns
		WHERE table_schema = 'public' AND column_name = 'tenant_id'`).Scan(&n)
	if n < 2 {
		t.Fatalf("found %d tenant tables; the check looks at nothing", n)
	}

	// The check itself catches a table without RLS and a loose policy.
	g := e.Owner.Global(ctx)
	for _, s := range []string{
		`CREATE TABLE rls_probe_plain (tenant_id uuid NOT NULL, id uuid NOT NULL, PRIMARY KEY (tenant_id, id))`,
		`CREATE TABLE rls_probe_loose (tenant_id uuid NOT NULL, id uuid NOT NULL, PRIMARY KEY (tenant_id, id))`,
		`ALTER TABLE rls_probe_loose ENABLE ROW LEVEL SECURITY`,
		`ALTER TABLE rls_probe_loose FORCE ROW LEVEL SECURITY`,
		`CREATE POLICY tenant_isolation ON rls_probe_loose
		   USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
		   WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)`,
		`CREATE POLICY everyone ON rls_probe_loose FOR SELECT USING (true)`,
	} {
		if err := g.Exec(s).Error; err != nil {
			t.Fatal(err)
		}
	}
	defer g.Exec(`DROP TABLE rls_probe_plain, rls_probe_loose`)
	problems, _ = e.Owner.RLSProblems(ctx)
	joined := strings.Join(problems, "\n")
	for _, want := range []string{"rls_probe_plain: row-level security is not enabled",
		"rls_probe_plain: row-level security is not forced", "rls_probe_plain: no policy FOR ALL",
		"rls_probe_loose: permissive policy everyone"} {
		if !strings.Contains(joined, want) {
			t.Errorf("RLSProblems missed %q; got:\n%s", want, joined)
		}
	}
}

// TestAppRoleCannotEscapeRowLevelSecurity fails if the serving role is a
// superuser, has BYPASSRLS, owns a table, or holds more than DML.
func TestAppRoleCannotEscapeRowLevelSecurity(t *testing.T) {
	e := testkit.NewPostgres(t)
	ctx := context.Background()
	problems, err := e.App.DB.RoleProblems(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
	// The same check on the owner (a superuser in tests) does complain.
	owner, _ := e.Owner.RoleProblems(ctx)
	if len(owner) == 0 {
		t.Error("RoleProblems found nothing wrong with the superuser owner")
	}
	// Privileges in detail: append-only tables and DDL.
	g := e.App.DB.Global(ctx)
	for _, s := range []string{
		`UPDATE audit_events SET action = action`,
		`DELETE FROM audit_events`,
		`TRUNCATE invitations`,
		`CREATE TABLE app_made (id int)`,
		`ALTER TABLE invitations DISABLE ROW LEVEL SECURITY`,
		`SELECT count(*) FROM goose_db_version`,
	} {
		err := g.Exec(s).Error
		if err == nil || !strings.Contains(err.Error(), "denied") && !strings.Contains(err.Error(), "must be owner") {
			t.Errorf("%s as the app role: %v, want permission denied", s, err)
		}
	}
}

// twoTenants signs up two groups, each with pending invitations, and
// returns their ids.
func twoTenants(t *testing.T, e *testkit.Env) (a, b string) {
	t.Helper()
	ga, gb := e.SignupGroup("Kelompok A"), e.SignupGroup("Kelompok B")
	for _, g := range []*testkit.Group{ga, gb, gb} {
		e.Do(http.MethodPost, "/api/v1/t/"+g.Slug+"/team", g.OwnerToken,
			map[string]any{"email": testkit.Unique("inv") + "@example.org", "role": "viewer"}).Expect(http.StatusCreated)
	}
	return ga.TenantID, gb.TenantID
}

func ownerCount(t *testing.T, e *testkit.Env, table, tenantID string) int64 {
	t.Helper()
	var n int64
	if err := e.Owner.Global(context.Background()).Table(table).Where("tenant_id = ?", tenantID).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// TestRowLevelSecurityConfinesTheAppRole works on the tables directly, as
// the serving role: another tenant's rows cannot be seen, changed, removed
// or added, and without a tenant context nothing is visible.
func TestRowLevelSecurityConfinesTheAppRole(t *testing.T) {
	e := testkit.NewPostgres(t)
	ctx := context.Background()
	a, b := twoTenants(t, e)
	wantA, wantB := ownerCount(t, e, "invitations", a), ownerCount(t, e, "invitations", b)
	var bInvitation string
	e.Owner.Global(ctx).Raw(`SELECT id FROM invitations WHERE tenant_id = ? LIMIT 1`, b).Scan(&bInvitation)

	err := e.App.DB.Scope(a).Write(ctx, func(tx *db.Tenant) error {
		g := tx.DB()
		var seen, foreign int64
		g.Raw(`SELECT count(*) FROM invitations`).Scan(&seen)
		g.Raw(`SELECT count(*) FROM invitations WHERE tenant_id = ?`, b).Scan(&foreign)
		if seen != wantA || foreign != 0 {
			t.Errorf("tenant A sees %d invitations (want %d) and %d of B's (want 0)", seen, wantA, foreign)
		}
		var events int64
		g.Raw(`SELECT count(*) FROM audit_events WHERE tenant_id <> ?`, a).Scan(&events)
		if events != 0 {
			t.Errorf("tenant A sees %d audit events of other tenants", events)
		}
		if res := g.Exec(`UPDATE invitations SET email = 'taken@example.org' WHERE tenant_id = ?`, b); res.Error != nil || res.RowsAffected != 0 {
			t.Errorf("update of B's rows: %d rows, %v", res.RowsAffected, res.Error)
		}
		if res := g.Exec(`UPDATE invitations SET role = role WHERE id = ?`, bInvitation); res.Error != nil || res.RowsAffected != 0 {
			t.Errorf("update of B's row by id: %d rows, %v", res.RowsAffected, res.Error)
		}
		if res := g.Exec(`DELETE FROM invitations WHERE tenant_id = ?`, b); res.Error != nil || res.RowsAffected != 0 {
			t.Errorf("delete of B's rows: %d rows, %v", res.RowsAffected, res.Error)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Each refused write runs in its own transaction: an error aborts it.
	refused := map[string]func(g *db.Tenant) error{
		"insert tagged with B": func(tx *db.Tenant) error {
			return tx.DB().Exec(`INSERT INTO invitations (tenant_id, id, email, role, token_hash, invited_by, expires_at, created_at)
				SELECT ?, ?, 'x@example.org', 'viewer', 'h', invited_by, now(), now() FROM invitations LIMIT 1`, b, db.NewID()).Error
		},
		"move A's row to B": func(tx *db.Tenant) error {
			return tx.DB().Exec(`UPDATE invitations SET tenant_id = ? WHERE tenant_id = ?`, b, a).Error
		},
		"audit event tagged with B": func(tx *db.Tenant) error {
			return tx.DB().Exec(`INSERT INTO audit_events (tenant_id, id, action, entity, created_at) VALUES (?, ?, 'x', 'x', now())`, b, db.NewID()).Error
		},
	}
	for name, fn := range refused {
		err := e.App.DB.Scope(a).Write(ctx, fn)
		if err == nil || !strings.Contains(err.Error(), "row-level security") {
			t.Errorf("%s: %v, want a row-level security violation", name, err)
		}
	}
	if got := ownerCount(t, e, "invitations", b); got != wantB {
		t.Errorf("B has %d invitations after A's attempts, want %d", got, wantB)
	}
	if got := ownerCount(t, e, "invitations", a); got != wantA {
		t.Errorf("A has %d invitations, want %d", got, wantA)
	}

	// No tenant context: no rows, and no writes.
	// A failed query must fail the test, not pass as "no rows".
	none := int64(-1)
	if err := e.App.DB.Global(ctx).Raw(`SELECT count(*) FROM invitations`).Scan(&none).Error; err != nil {
		t.Fatalf("count invitations without a tenant context: %v", err)
	}
	if none != 0 {
		t.Errorf("without a tenant context the app role sees %d invitations", none)
	}
	none = -1
	if err := e.App.DB.GlobalTx(ctx, func(tx *gorm.DB) error {
		return tx.Raw(`SELECT count(*) FROM audit_events`).Scan(&none).Error
	}); err != nil {
		t.Fatalf("count audit events without a tenant context: %v", err)
	}
	if none != 0 {
		t.Errorf("without a tenant context the app role sees %d audit events", none)
	}
	err = e.App.DB.Global(ctx).Exec(`INSERT INTO audit_events (tenant_id, id, action, entity, created_at) VALUES (?, ?, 'x', 'x', now())`, a, db.NewID()).Error
	if err == nil || !strings.Contains(err.Error(), "row-level security") {
		t.Errorf("insert without context: %v, want a row-level security violation", err)
	}
}
