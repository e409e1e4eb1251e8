package access_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/testkit"
)

// BenchmarkColdLoad reads one group's team (30 staff) from the database
// into the role cache: evict the group, then ask for a member's role. Run
// on SQLite, and on PostgreSQL as the app role under row-level security
// when PEDULI_TEST_POSTGRES_URL is set.
func BenchmarkColdLoad(b *testing.B) {
	for _, d := range testkit.Dialects(b) {
		b.Run(string(d), func(b *testing.B) {
			e := testkit.New(b, d)
			g := e.SignupGroup("Kelompok Ukur")
			users := seedStaff(b, e, g.TenantID, 29)
			dom := "t:" + g.TenantID
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				e.App.Access.Evict(dom)
				if _, ok := e.App.Access.RoleIn(users[i%len(users)], g.TenantID); !ok {
					b.Fatal("member not found")
				}
			}
		})
	}
}

// BenchmarkRoleChangeTransaction is a whole role change as the team page
// makes it: one transaction that locks the team, updates the membership and
// announces it, then the eviction here.
func BenchmarkRoleChangeTransaction(b *testing.B) {
	for _, d := range testkit.Dialects(b) {
		b.Run(string(d), func(b *testing.B) {
			e := testkit.New(b, d)
			g := e.SignupGroup("Kelompok Ubah")
			users := seedStaff(b, e, g.TenantID, 29)
			roles := []access.Role{access.Viewer, access.Facilitator}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if err := e.App.Access.SetRole(users[i%len(users)], g.TenantID, roles[i%2]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// seedStaff adds n viewers to the tenant's team directly, without
// invitations (which hash a password each).
func seedStaff(b *testing.B, e *testkit.Env, tenantID string, n int) []string {
	b.Helper()
	ctx := context.Background()
	now := time.Now().UTC()
	ids := make([]string, n)
	err := e.App.DB.Scope(tenantID).Write(ctx, func(t *db.Tenant) error {
		for i := range ids {
			ids[i] = db.NewID()
			if err := t.DB().Exec(`INSERT INTO users (id, email, name, password_hash, password_changed_at, created_at, updated_at)
				VALUES (?, ?, ?, 'x', ?, ?, ?)`, ids[i], fmt.Sprintf("staf-%s@example.org", ids[i]), "Staf", now, now, now).Error; err != nil {
				return err
			}
			if err := t.DB().Exec(`INSERT INTO memberships (tenant_id, user_id, role, created_at) VALUES (?, ?, 'viewer', ?)`,
				tenantID, ids[i], now).Error; err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return ids
}
