package testkit

import (
	"testing"

	"github.com/peduli/peduli/internal/platform/config"
	"github.com/peduli/peduli/internal/platform/db"
)

// PostgresURLs returns the owner and app-role URLs of this test binary's
// PostgreSQL database, creating it if needed; it skips the test when
// PostgreSQL is not configured. Tests of row-level security open their own
// pools on these.
func PostgresURLs(t testing.TB) (owner, app string) {
	t.Helper()
	pgOn := false
	for _, d := range Dialects(t) {
		pgOn = pgOn || d == db.Postgres
	}
	if !pgOn {
		t.Skip("row-level security exists on PostgreSQL only; set PEDULI_TEST_POSTGRES_URL")
	}
	if err := preparePostgres(); err != nil {
		t.Fatalf("postgres: %v", err)
	}
	return pg.ownerURL, pg.appURL
}

// NewPostgres is New on PostgreSQL, skipping the test when PostgreSQL is
// not configured.
func NewPostgres(t testing.TB) *Env {
	t.Helper()
	PostgresURLs(t)
	return New(t, db.Postgres)
}

// Replicas starts two Apps on one database of dialect d: on PostgreSQL two
// replicas, on SQLite two processes' worth of connections to one file (as
// the server and the command line are).
func Replicas(t testing.TB, d db.Dialect) (*Env, *Env) {
	t.Helper()
	one := New(t, d)
	dir := one.App.Config.DataDir
	two := New(t, d, func(c *config.Config) { c.DataDir = dir })
	return one, two
}
