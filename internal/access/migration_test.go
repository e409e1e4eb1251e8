package access_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/testkit"
)

// TestRoleLinksMoveOutOfCasbin migrates a database that kept role links in
// casbin_rule: they arrive in memberships, region_coordinators and
// platform_admins, links to a group or user that no longer exists are
// dropped, and casbin_rule keeps only permissions.
func TestRoleLinksMoveOutOfCasbin(t *testing.T) {
	for _, d := range testkit.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			ctx := context.Background()
			var owner *db.DB
			var err error
			if d == db.SQLite {
				owner, err = db.OpenSQLite(filepath.Join(t.TempDir(), "m.db"), db.Options{})
			} else {
				owner, err = freshPostgres(t)
			}
			if err != nil {
				t.Fatal(err)
			}
			defer owner.Close()
			if err := owner.MigrateUpTo(ctx, 99); err != nil {
				t.Fatal(err)
			}
			g := owner.Global(ctx)
			now := time.Now().UTC()
			tenant, user, coord, admin, gone := db.NewID(), db.NewID(), db.NewID(), db.NewID(), db.NewID()
			stmts := [][]any{
				{"INSERT INTO regions (code, name, level) VALUES ('53', 'Nusa Tenggara Timur', 1)"},
				{"INSERT INTO tenants (id, slug, name, region_code, created_at, updated_at) VALUES (?, 'lama', 'Lama', '53', ?, ?)", tenant, now, now},
			}
			for i, id := range []string{user, coord, admin} {
				stmts = append(stmts, []any{`INSERT INTO users (id, email, name, password_hash, password_changed_at, created_at, updated_at)
					VALUES (?, ?, 'X', 'x', ?, ?, ?)`, id, fmt.Sprintf("u%d@example.org", i), now, now, now})
			}
			for _, r := range [][3]string{{"u:" + user, "treasurer", "t:" + tenant}, {"u:" + coord, "coordinator", "r:53"},
				{"u:" + admin, "platform_admin", "platform"}, {"u:" + gone, "owner", "t:" + tenant}, {"u:" + user, "owner", "t:" + gone}} {
				stmts = append(stmts, []any{"INSERT INTO casbin_rule (ptype, v0, v1, v2) VALUES ('g', ?, ?, ?)", r[0], r[1], r[2]})
			}
			stmts = append(stmts, []any{"INSERT INTO casbin_rule (ptype, v0, v1, v2, v3) VALUES ('p', 'viewer', '*', 'team', 'read')"})
			for _, s := range stmts {
				if err := g.Exec(s[0].(string), s[1:]...).Error; err != nil {
					t.Fatalf("%s: %v", s[0], err)
				}
			}
			if err := owner.Migrate(ctx, slog.New(slog.NewTextHandler(io.Discard, nil))); err != nil {
				t.Fatal(err)
			}

			var members []struct{ UserID, Role string }
			err = owner.Scope(tenant).Read(ctx, func(tx *db.Tenant) error {
				return tx.DB().Table("memberships").Select("user_id, role").Where("tenant_id = ?", tenant).Scan(&members).Error
			})
			if err != nil || len(members) != 1 || members[0].UserID != user || members[0].Role != "treasurer" {
				t.Fatalf("memberships = %v (%v)", members, err)
			}
			var coords, admins []string
			if err := g.Table("region_coordinators").Where("region_code = '53'").Pluck("user_id", &coords).Error; err != nil {
				t.Fatal(err)
			}
			if err := g.Table("platform_admins").Pluck("user_id", &admins).Error; err != nil {
				t.Fatal(err)
			}
			if len(coords) != 1 || coords[0] != coord || len(admins) != 1 || admins[0] != admin {
				t.Fatalf("coordinators %v, platform admins %v", coords, admins)
			}
			var left []string
			if err := g.Table("casbin_rule").Pluck("ptype", &left).Error; err != nil {
				t.Fatal(err)
			}
			if len(left) != 1 || left[0] != "p" {
				t.Fatalf("casbin_rule keeps %v", left)
			}
		})
	}
}

// freshPostgres creates an empty database for one test, dropped after it.
func freshPostgres(t *testing.T) (*db.DB, error) {
	base := os.Getenv("PEDULI_TEST_POSTGRES_URL")
	admin, err := db.OpenPostgres(base, db.Options{MaxOpenConns: 1})
	if err != nil {
		return nil, err
	}
	defer admin.Close()
	name := fmt.Sprintf("peduli_mig_%d", time.Now().UnixNano()%1e9)
	if err := admin.Global(context.Background()).Exec("CREATE DATABASE " + name).Error; err != nil {
		return nil, err
	}
	t.Cleanup(func() {
		a, err := db.OpenPostgres(base, db.Options{MaxOpenConns: 1})
		if err == nil {
			a.Global(context.Background()).Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
			a.Close()
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		return nil, err
	}
	u.Path = "/" + name
	return db.OpenPostgres(u.String(), db.Options{})
}
