package db_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"

	"gorm.io/gorm"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/testkit"
)

// leakyStore is a store written wrongly on purpose: its queries forget the
// tenant_id filter that every real store must carry.
type leakyStore struct{}

type invitationRow struct {
	TenantID string
	ID       string
}

func (leakyStore) Invitations(t *db.Tenant) ([]invitationRow, error) {
	var out []invitationRow
	err := t.DB().Table("invitations").Select("tenant_id, id").Find(&out).Error
	return out, err
}

func (leakyStore) Invitation(t *db.Tenant, id string) (*invitationRow, error) {
	var out invitationRow
	err := t.DB().Table("invitations").Select("tenant_id, id").Where("id = ?", id).Take(&out).Error
	return &out, err
}

// TestRowLevelSecurityCatchesAStoreThatForgetsTheTenant: the broken query
// really does return every tenant's rows when RLS is not in the way (as the
// owner), and returns only the scope's own rows as the app role.
func TestRowLevelSecurityCatchesAStoreThatForgetsTheTenant(t *testing.T) {
	e := testkit.NewPostgres(t)
	ctx := context.Background()
	a, b := twoTenants(t, e)
	var bID string
	e.Owner.Global(ctx).Raw(`SELECT id FROM invitations WHERE tenant_id = ? LIMIT 1`, b).Scan(&bID)

	var all []invitationRow
	e.Owner.Global(ctx).Table("invitations").Select("tenant_id, id").Find(&all)
	foreign := 0
	for _, r := range all {
		if r.TenantID != a {
			foreign++
		}
	}
	if foreign == 0 {
		t.Fatal("the broken query shows no other tenant's rows even without RLS; the test proves nothing")
	}

	err := e.App.DB.Scope(a).Read(ctx, func(tx *db.Tenant) error {
		rows, err := leakyStore{}.Invitations(tx)
		if err != nil {
			return err
		}
		for _, r := range rows {
			if r.TenantID != a {
				t.Errorf("the broken store leaked invitation %s of tenant %s", r.ID, r.TenantID)
			}
		}
		if len(rows) == 0 {
			t.Error("the broken store saw none of the tenant's own rows")
		}
		_, err = leakyStore{}.Invitation(tx, bID)
		if !db.IsNotFound(err) {
			t.Errorf("B's invitation by id from A's scope: %v, want not found", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

var errForced = errors.New("forced failure")

// TestPooledConnectionsStartWithoutATenant interleaves tenants A and B on a
// pool of two connections from many goroutines, with forced errors, SQL
// errors, panics and rollbacks, and checks that every transaction that did
// not bind a tenant sees none, and every bound one sees only its own.
func TestPooledConnectionsStartWithoutATenant(t *testing.T) {
	e := testkit.NewPostgres(t)
	_, appURL := testkit.PostgresURLs(t)
	ctx := context.Background()
	a, b := twoTenants(t, e)
	want := map[string]int64{a: ownerCount(t, e, "invitations", a), b: ownerCount(t, e, "invitations", b)}

	pool, err := db.OpenPostgres(appURL, db.Options{MaxOpenConns: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()

	// The probe notices a leak: a session-level setting stays on a connection.
	t.Run("probe detects a session-level leak", func(t *testing.T) {
		one, err := db.OpenPostgres(appURL, db.Options{MaxOpenConns: 1})
		if err != nil {
			t.Fatal(err)
		}
		defer one.Close()
		one.Global(ctx).Exec(`SELECT set_config('app.tenant_id', ?, false)`, a)
		if got, _ := probe(one.Global(ctx)); got == "" {
			t.Fatal("a session-level set_config was not visible to the next query; the probe is blind")
		}
	})

	var mu sync.Mutex
	var failures []string
	fail := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		if len(failures) < 20 {
			failures = append(failures, fmt.Sprintf(format, args...))
		}
	}
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(w), 42))
			for i := range 60 {
				tenant := a
				if rng.IntN(2) == 1 {
					tenant = b
				}
				op := rng.IntN(6)
				if err := step(ctx, pool, op, tenant, want[tenant]); err != nil {
					fail("worker %d step %d op %d: %v", w, i, op, err)
				}
			}
		}()
	}
	wg.Wait()
	for _, f := range failures {
		t.Error(f)
	}
}

// probe returns the tenant setting the connection carries and how many
// invitations it can see.
func probe(g *gorm.DB) (string, int64) {
	var setting string
	var n int64
	g.Raw(`SELECT coalesce(current_setting('app.tenant_id', true), '')`).Scan(&setting)
	g.Raw(`SELECT count(*) FROM invitations`).Scan(&n)
	return setting, n
}

// step runs one operation: 0–2 tenant transactions ending in commit, a
// forced error, an SQL error or a panic; 3–5 unbound work that must see
// no tenant.
func step(ctx context.Context, pool *db.DB, op int, tenant string, want int64) (failure error) {
	bound := func(tx *db.Tenant) error {
		setting, n := probe(tx.DB())
		if setting != tenant || n != want {
			return fmt.Errorf("bound to %s: setting %q, %d rows (want %d)", tenant, setting, n, want)
		}
		switch op {
		case 0:
			return nil
		case 1:
			if err := tx.DB().Exec(`SELECT 1/0`).Error; err == nil {
				return errors.New("1/0 did not fail")
			}
			return errForced
		}
		panic(errForced)
	}
	switch op {
	case 0, 1, 2:
		defer func() {
			if r := recover(); r != nil && r != errForced {
				failure = fmt.Errorf("panic: %v", r)
			}
		}()
		err := pool.Scope(tenant).Write(ctx, bound)
		if err != nil && !errors.Is(err, errForced) {
			return err
		}
		return nil
	case 3:
		return pool.GlobalTx(ctx, func(tx *gorm.DB) error { return unbound(tx) })
	case 4:
		return unbound(pool.Global(ctx))
	}
	err := pool.GlobalTx(ctx, func(tx *gorm.DB) error {
		if err := unbound(tx); err != nil {
			return err
		}
		return errForced
	})
	if errors.Is(err, errForced) {
		return nil
	}
	return err
}

func unbound(g *gorm.DB) error {
	if setting, n := probe(g); setting != "" || n != 0 {
		return fmt.Errorf("unbound work sees tenant %q and %d rows", setting, n)
	}
	return nil
}
