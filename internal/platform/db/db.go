// Package db opens Peduli's database — embedded SQLite or PostgreSQL — behind
// one type, runs migrations, and hands out tenant-scoped transactions.
package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/glebarez/sqlite"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// Dialect names the database engine behind a DB.
type Dialect string

// The two supported dialects.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// DB is an open database with its dialect.
type DB struct {
	gorm    *gorm.DB
	sql     *sql.DB
	Dialect Dialect
}

// Options tune the connection pool.
type Options struct {
	MaxOpenConns int // 0 = a dialect default
	Logger       *slog.Logger
}

// OpenSQLite opens (creating if needed) the embedded database file at path
// with foreign keys on, WAL, a busy timeout and immediate write locks, so
// concurrent writers queue instead of failing halfway through a transaction.
func OpenSQLite(path string, opts Options) (*DB, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return nil, fmt.Errorf("create data directory: %w", err)
	}
	dsn := "file:" + path + "?_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)" +
		"&_pragma=busy_timeout(10000)&_pragma=synchronous(NORMAL)&_txlock=immediate"
	g, err := gorm.Open(sqlite.Open(dsn), gormConfig(opts))
	if err != nil {
		return nil, fmt.Errorf("open sqlite: %w", err)
	}
	return wrap(g, SQLite, opts, 4)
}

// OpenPostgres connects to PostgreSQL at url.
func OpenPostgres(url string, opts Options) (*DB, error) {
	g, err := gorm.Open(postgres.New(postgres.Config{DSN: withConnectTimeout(url)}), gormConfig(opts))
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	return wrap(g, Postgres, opts, 20)
}

// connectTimeout bounds a new connection when the URL sets none, so a
// database that vanished from the network costs a request seconds, not
// the operating system's minutes.
const connectTimeout = "5"

func withConnectTimeout(dsn string) string {
	if strings.Contains(dsn, "connect_timeout=") {
		return dsn
	}
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		sep := "?"
		if strings.Contains(dsn, "?") {
			sep = "&"
		}
		return dsn + sep + "connect_timeout=" + connectTimeout
	}
	return dsn + " connect_timeout=" + connectTimeout
}

func gormConfig(opts Options) *gorm.Config {
	return &gorm.Config{
		TranslateError:         true,
		SkipDefaultTransaction: true,
		Logger:                 logger.Discard,
		NowFunc:                func() time.Time { return time.Now().UTC() },
	}
}

func wrap(g *gorm.DB, d Dialect, opts Options, defaultConns int) (*DB, error) {
	sqlDB, err := g.DB()
	if err != nil {
		return nil, err
	}
	n := opts.MaxOpenConns
	if n == 0 {
		n = defaultConns
	}
	// database/sql keeps 2 idle connections by default, which under load
	// means reconnecting constantly; keep the whole pool warm.
	sqlDB.SetMaxOpenConns(n)
	sqlDB.SetMaxIdleConns(n)
	sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	return &DB{gorm: g, sql: sqlDB, Dialect: d}, nil
}

// SQL returns the underlying *sql.DB (for migrations and health checks).
func (d *DB) SQL() *sql.DB { return d.sql }

// Global returns a handle for tables that belong to no tenant: regions,
// users, sessions, tenants, the template catalog, casbin rules.
func (d *DB) Global(ctx context.Context) *gorm.DB { return d.gorm.WithContext(ctx) }

// Ping reports whether the database answers within the context's deadline.
func (d *DB) Ping(ctx context.Context) error { return d.sql.PingContext(ctx) }

// Close closes the pool.
func (d *DB) Close() error { return d.sql.Close() }

// GlobalTx runs fn in a transaction on global tables.
func (d *DB) GlobalTx(ctx context.Context, fn func(tx *gorm.DB) error) error {
	return d.gorm.WithContext(ctx).Transaction(fn)
}

// IsDuplicate reports whether err is a unique-constraint violation.
func IsDuplicate(err error) bool { return errors.Is(err, gorm.ErrDuplicatedKey) }

// IsNotFound reports whether err means no row matched.
func IsNotFound(err error) bool { return errors.Is(err, gorm.ErrRecordNotFound) }
