package db

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	"github.com/peduli/peduli/migrations"
)

// migrator builds a goose provider for the dialect's embedded migrations.
func (d *DB) migrator() (*goose.Provider, error) {
	sub, err := fs.Sub(migrations.FS, string(d.Dialect))
	if err != nil {
		return nil, err
	}
	dialect := goose.DialectSQLite3
	opts := []goose.ProviderOption{goose.WithAllowOutofOrder(true)}
	if d.Dialect == Postgres {
		dialect = goose.DialectPostgres
		// Replicas starting together must not migrate at the same time.
		locker, err := lock.NewPostgresSessionLocker()
		if err != nil {
			return nil, err
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	return goose.NewProvider(dialect, d.sql, sub, opts...)
}

// Migrate applies every pending migration and logs each one.
func (d *DB) Migrate(ctx context.Context, log *slog.Logger) error {
	p, err := d.migrator()
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	results, err := p.Up(ctx)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	for _, r := range results {
		log.Info("migration applied", "version", r.Source.Version, "file", r.Source.Path, "duration", r.Duration)
	}
	return nil
}

// MigrationState is one migration and whether it is applied.
type MigrationState struct {
	Version int64
	File    string
	Applied bool
}

// MigrationStatus lists every known migration with its state.
func (d *DB) MigrationStatus(ctx context.Context) ([]MigrationState, error) {
	p, err := d.migrator()
	if err != nil {
		return nil, err
	}
	st, err := p.Status(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]MigrationState, len(st))
	for i, s := range st {
		out[i] = MigrationState{Version: s.Source.Version, File: s.Source.Path, Applied: s.State == goose.StateApplied}
	}
	return out, nil
}

// MigrateUpTo applies pending migrations up to and including version (for
// tests of a data migration: stop before it, add old-shaped rows, go on).
func (d *DB) MigrateUpTo(ctx context.Context, version int64) error {
	p, err := d.migrator()
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	if _, err := p.UpTo(ctx, version); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return nil
}
