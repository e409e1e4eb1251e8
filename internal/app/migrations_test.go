package app_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/testkit"
)

// schema maps each table to its sorted column names.
type schema map[string][]string

func sqliteSchema(t *testing.T, d *db.DB) schema {
	t.Helper()
	ctx := context.Background()
	var tables []string
	err := d.Global(ctx).Raw(`SELECT name FROM sqlite_master WHERE type = 'table'
		AND name NOT LIKE 'sqlite_%' AND name <> 'goose_db_version' AND name NOT LIKE 'river_%'`).Scan(&tables).Error
	if err != nil {
		t.Fatal(err)
	}
	out := schema{}
	for _, table := range tables {
		var cols []string
		if err := d.Global(ctx).Raw("SELECT name FROM pragma_table_info(?)", table).Scan(&cols).Error; err != nil {
			t.Fatal(err)
		}
		slices.Sort(cols)
		out[table] = cols
	}
	return out
}

func postgresSchema(t *testing.T, d *db.DB) schema {
	t.Helper()
	var rows []struct{ TableName, ColumnName string }
	err := d.Global(context.Background()).Raw(`SELECT c.table_name, c.column_name FROM information_schema.columns c
		JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
		WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.table_name <> 'goose_db_version'
		AND c.table_name NOT LIKE 'river_%'`).
		Scan(&rows).Error
	if err != nil {
		t.Fatal(err)
	}
	out := schema{}
	for _, r := range rows {
		out[r.TableName] = append(out[r.TableName], r.ColumnName)
	}
	for k := range out {
		slices.Sort(out[k])
	}
	return out
}

func TestMigrationsMatchOnBothDialects(t *testing.T) {
	dialects := testkit.Dialects(t)
	if !slices.Contains(dialects, db.Postgres) {
		t.Skip("PEDULI_TEST_POSTGRES_URL is not set: nothing to compare SQLite with")
	}
	lite, err := db.OpenSQLite(filepath.Join(t.TempDir(), "m.db"), db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	if err := lite.Migrate(context.Background(), testLogger()); err != nil {
		t.Fatal(err)
	}
	pg := testkit.New(t, db.Postgres)
	a, b := sqliteSchema(t, lite), postgresSchema(t, pg.Owner)
	if len(a) == 0 {
		t.Fatal("no tables after migrating SQLite")
	}
	for table, cols := range a {
		if other, ok := b[table]; !ok {
			t.Errorf("table %s exists only on SQLite", table)
		} else if !slices.Equal(cols, other) {
			t.Errorf("table %s columns differ:\n  sqlite:   %s\n  postgres: %s", table, strings.Join(cols, ","), strings.Join(other, ","))
		}
	}
	for table := range b {
		if _, ok := a[table]; !ok {
			t.Errorf("table %s exists only on PostgreSQL", table)
		}
	}
}

func TestMigrateStatusListsEveryMigrationApplied(t *testing.T) {
	for _, d := range testkit.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			e := testkit.New(t, d)
			states, err := e.Owner.MigrationStatus(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			entries, _ := os.ReadDir(filepath.Join("..", "..", "migrations", string(d)))
			if len(states) != len(entries) || len(states) == 0 {
				t.Fatalf("%d migrations known, %d files", len(states), len(entries))
			}
			for _, s := range states {
				if !s.Applied {
					t.Errorf("migration %d (%s) not applied", s.Version, s.File)
				}
			}
		})
	}
}
