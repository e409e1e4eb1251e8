package app_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/peduli/peduli/internal/app"
	"github.com/peduli/peduli/internal/platform/config"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/testkit"
)

func withUser(raw, user, dbname string) string {
	u, _ := url.Parse(raw)
	u.User = url.User(user)
	if dbname != "" {
		u.Path = "/" + dbname
	}
	return u.String()
}

// TestProductionRolesWork sets PostgreSQL up as docs/SECURITY.md says — an
// owner that is not a superuser and an app role that owns nothing — and
// checks that migrations, grants and the role checks pass; then that a
// serving role able to bypass row-level security is refused at start.
func TestProductionRolesWork(t *testing.T) {
	ownerURL, appURL := testkit.PostgresURLs(t)
	ctx := context.Background()
	admin, err := db.OpenPostgres(ownerURL, db.Options{MaxOpenConns: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	g := admin.Global(ctx)
	name := fmt.Sprintf("peduli_roles_%d", time.Now().UnixNano()%1e9)
	for _, s := range []string{
		`DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'peduli_owner_test') THEN
		   CREATE ROLE peduli_owner_test LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE; END IF; END $$`,
		`DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'peduli_bypass_test') THEN
		   CREATE ROLE peduli_bypass_test LOGIN NOSUPERUSER BYPASSRLS; END IF; END $$`,
		"CREATE DATABASE " + name + " OWNER peduli_owner_test",
	} {
		if err := g.Exec(s).Error; err != nil {
			t.Fatal(err)
		}
	}
	defer g.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")

	cfg := config.Default()
	cfg.SecretKey = testkit.SecretKey
	cfg.MigrateDatabaseURL = withUser(ownerURL, "peduli_owner_test", name)
	cfg.DatabaseURL = withUser(appURL, testkit.AppRole, name)
	log := slog.New(slog.NewJSONHandler(io.Discard, nil))
	d, err := app.Open(ctx, cfg, log)
	if err != nil {
		t.Fatalf("migrate as a plain owner and serve as the app role: %v", err)
	}
	problems, err := d.RoleProblems(ctx)
	d.Close()
	if err != nil {
		t.Fatalf("read the app role's privileges: %v", err)
	}
	if len(problems) > 0 {
		t.Errorf("app role problems: %v", problems)
	}
	owner, err := db.OpenPostgres(cfg.MigrateDatabaseURL, db.Options{MaxOpenConns: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer owner.Close()
	if rls, err := owner.RLSProblems(ctx); err != nil {
		t.Fatalf("read the tables' row-level security: %v", err)
	} else if len(rls) > 0 {
		t.Errorf("RLS problems: %v", rls)
	}

	cfg.DatabaseURL = withUser(appURL, "peduli_bypass_test", name)
	if d, err := app.Open(ctx, cfg, log); err == nil || !strings.Contains(err.Error(), "BYPASSRLS") {
		if d != nil {
			d.Close()
		}
		t.Fatalf("serving as a BYPASSRLS role: %v, want a refusal", err)
	}
}
