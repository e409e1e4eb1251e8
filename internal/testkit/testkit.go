// Package testkit runs Peduli's tests against real databases: SQLite always,
// PostgreSQL when PEDULI_TEST_POSTGRES_URL is set (CI sets it and sets
// PEDULI_TEST_REQUIRE_POSTGRES=1 so a missing server fails instead of
// skipping). On PostgreSQL the app connects as a role that owns nothing, so
// row-level security is in force in every test.
package testkit

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/peduli/peduli/internal/app"
	"github.com/peduli/peduli/internal/platform/config"
	"github.com/peduli/peduli/internal/platform/db"
)

// AppRole is the PostgreSQL role tests serve as.
const AppRole = "peduli_app_test"

// SecretKey is the master secret used in tests.
const SecretKey = "test-secret-key-of-at-least-32-characters!"

// pg is the PostgreSQL database shared by one test binary.
var pg struct {
	once     sync.Once
	ownerURL string
	appURL   string
	name     string
	err      error
}

// Main runs a package's tests and drops its PostgreSQL database afterwards.
// Use it as: func TestMain(m *testing.M) { testkit.Main(m) }.
func Main(m *testing.M) {
	code := m.Run()
	if problems := CheckSuiteLogs(); len(problems) > 0 {
		fmt.Fprintln(os.Stderr, "personal data in the logs of this test binary:")
		for _, p := range problems {
			fmt.Fprintln(os.Stderr, "  "+p)
		}
		code = 1
	}
	stopStripeMock()
	if pg.name != "" {
		dropDatabase(pg.name)
	}
	os.Exit(code)
}

// Dialects lists the databases tests run on.
func Dialects(t testing.TB) []db.Dialect {
	out := []db.Dialect{db.SQLite}
	if os.Getenv("PEDULI_TEST_POSTGRES_URL") != "" {
		out = append(out, db.Postgres)
	} else if os.Getenv("PEDULI_TEST_REQUIRE_POSTGRES") == "1" {
		t.Fatal("PEDULI_TEST_REQUIRE_POSTGRES=1 but PEDULI_TEST_POSTGRES_URL is empty")
	}
	return out
}

// Run runs fn once per dialect, each in a subtest with a fresh App. The
// dialects run side by side: each has its own App and database (a SQLite
// file, the package's PostgreSQL database), and a test's top-level tests
// still run one after another, so two PostgreSQL Apps never overlap. fn must
// therefore not share variables across its runs, and the test must not do
// anything after Run returns (the subtests run after the test function).
func Run(t *testing.T, fn func(t *testing.T, e *Env)) {
	t.Helper()
	for _, d := range Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			t.Parallel()
			fn(t, New(t, d))
		})
	}
}

// Env is one running App for a test, with a client and fixtures.
type Env struct {
	T       testing.TB
	App     *app.App
	Dialect db.Dialect
	Logs    *LogBuffer
	// Owner is a handle with the schema owner's rights (bypasses row-level
	// security on PostgreSQL): for tests that read tables directly.
	Owner *db.DB

	baseURL string
}

// New starts an App on a fresh SQLite file or on the package's PostgreSQL
// database, migrated and provisioned from the embedded tenants directory.
func New(t testing.TB, d db.Dialect, opts ...func(*config.Config)) *Env {
	t.Helper()
	cfg := config.Default()
	cfg.SecretKey = SecretKey
	cfg.BaseURL = "http://peduli.test"
	cfg.DataDir = t.TempDir()
	if d == db.Postgres {
		if err := preparePostgres(); err != nil {
			t.Fatalf("postgres: %v", err)
		}
		cfg.DatabaseURL, cfg.MigrateDatabaseURL = pg.appURL, pg.ownerURL
	}
	// Fixtures sign up groups and accept invitations from one address, far
	// more often than a person would: the abuse limits are off unless a
	// test turns them on (WithLimits).
	cfg.Limits = config.Limits{}
	for _, o := range opts {
		o(&cfg)
	}
	logs := &LogBuffer{}
	trackLogs(logs)
	log := slog.New(slog.NewJSONHandler(io.MultiWriter(logs, logSink()), &slog.HandlerOptions{Level: slog.LevelDebug}))
	ctx := context.Background()
	database, err := app.Open(ctx, cfg, log)
	if err != nil {
		t.Fatalf("open database: %v", err)
	}
	a, err := app.New(cfg, log, database)
	if err != nil {
		t.Fatalf("app: %v", err)
	}
	if err := a.Provision(ctx); err != nil {
		t.Fatalf("provision: %v", err)
	}
	owner := database
	if d == db.Postgres {
		if owner, err = db.OpenPostgres(pg.ownerURL, db.Options{MaxOpenConns: 2}); err != nil {
			t.Fatalf("owner connection: %v", err)
		}
		// Every test's requests come from the same address, and the
		// package's tests share this database: start each App with no
		// failed-login counters, as a fresh SQLite file does.
		if err := owner.Global(ctx).Exec("DELETE FROM login_throttles").Error; err != nil {
			t.Fatalf("reset login throttles: %v", err)
		}
		if err := owner.Global(ctx).Exec("DELETE FROM rate_limits").Error; err != nil {
			t.Fatalf("reset rate limits: %v", err)
		}
		// Likewise no jobs queued by an earlier test's App, whose mail
		// server or Stripe is gone.
		if err := owner.Global(ctx).Exec("DELETE FROM river_job").Error; err != nil {
			t.Fatalf("empty the job queue: %v", err)
		}
	}
	t.Cleanup(func() {
		if owner != database {
			owner.Close()
		}
		a.Close()
		CheckLogs(t, logs)
	})
	return &Env{T: t, App: a, Dialect: d, Logs: logs, Owner: owner}
}

// WithLimits serves with the production abuse limits on anonymous writes.
func WithLimits(c *config.Config) { c.Limits = config.DefaultLimits() }

// StartJobs makes the App work its queued jobs (not the periodic ones)
// until the test ends, as a serving replica does.
func (e *Env) StartJobs() {
	e.T.Helper()
	if err := e.App.Jobs.Start(context.Background()); err != nil {
		e.T.Fatalf("start jobs: %v", err)
	}
}

// logSink sends app logs to stderr when PEDULI_TEST_LOGS=1, else nowhere.
func logSink() io.Writer {
	if os.Getenv("PEDULI_TEST_LOGS") == "1" {
		return os.Stderr
	}
	return io.Discard
}

// preparePostgres creates this binary's database and the app role once.
func preparePostgres() error {
	pg.once.Do(func() {
		base := os.Getenv("PEDULI_TEST_POSTGRES_URL")
		admin, err := db.OpenPostgres(base, db.Options{MaxOpenConns: 1})
		if err != nil {
			pg.err = err
			return
		}
		defer admin.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		pg.name = fmt.Sprintf("peduli_t_%s_%d", packageTag(), time.Now().UnixNano()%1e9)
		g := admin.Global(ctx)
		if err := g.Exec("CREATE DATABASE " + pg.name).Error; err != nil {
			pg.err = err
			return
		}
		// The app role owns nothing and cannot bypass row-level security.
		err = g.Exec(`DO $$ BEGIN
			IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '` + AppRole + `') THEN
				CREATE ROLE ` + AppRole + ` LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
			END IF; END $$`).Error
		if err != nil {
			pg.err = err
			return
		}
		pg.ownerURL = withDatabase(base, pg.name, "")
		pg.appURL = withDatabase(base, pg.name, AppRole)
	})
	return pg.err
}

func withDatabase(raw, name, user string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	u.Path = "/" + name
	if user != "" {
		u.User = url.User(user)
	}
	return u.String()
}

func dropDatabase(name string) {
	admin, err := db.OpenPostgres(os.Getenv("PEDULI_TEST_POSTGRES_URL"), db.Options{MaxOpenConns: 1})
	if err != nil {
		return
	}
	defer admin.Close()
	admin.Global(context.Background()).Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
}

// packageTag names the database after the test binary for easier debugging.
func packageTag() string {
	base := strings.TrimSuffix(filepath.Base(os.Args[0]), ".test")
	var b strings.Builder
	for _, r := range strings.ToLower(base) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	s := b.String()
	if len(s) > 20 {
		s = s[:20]
	}
	return s
}
