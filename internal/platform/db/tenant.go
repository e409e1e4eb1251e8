package db

import (
	"context"

	"gorm.io/gorm"
)

// Scope is the handle on one tenant's data that the tenancy middleware hands
// to a request after it resolved the tenant and checked the caller's role.
// Tenant tables are reached only through it.
type Scope struct {
	db       *DB
	tenantID string
}

// Tenant is a tenant-scoped transaction. On PostgreSQL it began with
// set_config('app.tenant_id', id, true), so row-level security confines it
// to this tenant even if a query forgets its tenant_id filter.
type Tenant struct {
	ID string
	tx *gorm.DB
}

// Scope returns the handle for tenantID. Only code that has resolved the
// tenant and authorised the caller should call it.
func (d *DB) Scope(tenantID string) Scope { return Scope{db: d, tenantID: tenantID} }

// TenantID returns the tenant the scope is bound to.
func (s Scope) TenantID() string { return s.tenantID }

// Write runs fn in one transaction bound to the tenant.
func (s Scope) Write(ctx context.Context, fn func(t *Tenant) error) error {
	return s.db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := bindTenant(tx, s.db.Dialect, s.tenantID); err != nil {
			return err
		}
		return fn(&Tenant{ID: s.tenantID, tx: tx})
	})
}

// Read runs fn bound to the tenant for queries only. On SQLite it skips the
// transaction so readers never wait for the single writer.
func (s Scope) Read(ctx context.Context, fn func(t *Tenant) error) error {
	if s.db.Dialect == SQLite {
		return fn(&Tenant{ID: s.tenantID, tx: s.db.gorm.WithContext(ctx)})
	}
	return s.Write(ctx, fn)
}

// DB returns the transaction's handle; every query on it must still filter
// by tenant_id (row-level security is the second wall, not the first).
func (t *Tenant) DB() *gorm.DB { return t.tx }

// bindTenant sets the tenant for the current transaction only; a
// session-level SET would leak to the next user of the pooled connection.
//
// The same statement turns off JIT compilation and parallel workers for
// the transaction. A tenant transaction reads one group's rows (hundreds,
// not millions), where neither ever pays, but both are chosen from the
// planner's cost estimate: with missing or stale statistics (after a bulk
// load or a restore, before autovacuum analyses) an estimate forty times
// too high made a dashboard statement compile for 200 ms and another
// start two workers for 20-100 ms, to read a few hundred rows that take
// under a millisecond. See docs/PERFORMANCE.md, "Dashboard".
func bindTenant(tx *gorm.DB, d Dialect, tenantID string) error {
	if d != Postgres {
		return nil
	}
	return tx.Exec(`SELECT set_config('app.tenant_id', ?, true), set_config('jit', 'off', true),
		set_config('max_parallel_workers_per_gather', '0', true)`, tenantID).Error
}
