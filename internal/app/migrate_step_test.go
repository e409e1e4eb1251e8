package app_test

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/peduli/peduli/internal/app"
	"github.com/peduli/peduli/internal/platform/config"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/testkit"
)

// TestMigrateOnStartOff: with PEDULI_MIGRATE_ON_START=false a replica
// opens the database without touching its schema (the migration step does
// that), and with the default it migrates.
func TestMigrateOnStartOff(t *testing.T) {
	if !slices.Contains(testkit.Dialects(t), db.Postgres) {
		t.Skip("needs PostgreSQL (PEDULI_TEST_POSTGRES_URL)")
	}
	e := testkit.New(t, db.Postgres)
	ctx := context.Background()
	name := fmt.Sprintf("peduli_migstep_%d", time.Now().UnixNano()%1e9)
	if err := e.Owner.Global(ctx).Exec("CREATE DATABASE " + name).Error; err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Owner.Global(ctx).Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)") })
	u, err := url.Parse(e.App.Config.MigrateDatabaseURL)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	cfg := config.Default()
	cfg.DatabaseURL, cfg.MigrateDatabaseURL = u.String(), u.String()
	tables := func(d *db.DB) int64 {
		var n int64
		if err := d.Global(ctx).Raw(`SELECT count(*) FROM pg_tables WHERE schemaname = 'public'`).Scan(&n).Error; err != nil {
			t.Fatal(err)
		}
		return n
	}

	cfg.MigrateOnStart = false
	d, err := app.Open(ctx, cfg, testLogger())
	if err != nil {
		t.Fatal(err)
	}
	if n := tables(d); n != 0 {
		t.Fatalf("with migrations off, opening created %d tables", n)
	}
	d.Close()

	cfg.MigrateOnStart = true
	d, err = app.Open(ctx, cfg, testLogger())
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if n := tables(d); n < 10 {
		t.Fatalf("with migrations on, only %d tables", n)
	}
}
