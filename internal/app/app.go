// Package app wires Peduli together once: it opens the database, runs
// migrations, builds every service from the config and mounts the routes.
package app

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sync/atomic"
	"time"

	gojson "github.com/goccy/go-json"
	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/recover"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/enterprises"
	"github.com/peduli/peduli/internal/funds"
	"github.com/peduli/peduli/internal/groupfund"
	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/jobs"
	"github.com/peduli/peduli/internal/journal"
	"github.com/peduli/peduli/internal/partners"
	"github.com/peduli/peduli/internal/platform/config"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/httpx"
	"github.com/peduli/peduli/internal/platform/mail"
	"github.com/peduli/peduli/internal/platform/metrics"
	"github.com/peduli/peduli/internal/platform/ratelimit"
	"github.com/peduli/peduli/internal/platform/sealed"
	"github.com/peduli/peduli/internal/platform/storage"
	"github.com/peduli/peduli/internal/platform/tracing"
	"github.com/peduli/peduli/internal/programs"
	"github.com/peduli/peduli/internal/provision"
	"github.com/peduli/peduli/internal/regions"
	"github.com/peduli/peduli/internal/registry"
	"github.com/peduli/peduli/internal/tenancy"
	"github.com/peduli/peduli/internal/web"
	"github.com/peduli/peduli/tenants"
	webfs "github.com/peduli/peduli/web"
)

// BodyLimit is the largest request body accepted (1 MiB), except on the
// upload routes (uploads.go), which take up to UploadBodyLimit.
const BodyLimit = 1 << 20

// App is the running product: its dependencies and its HTTP handler.
type App struct {
	Config   config.Config
	Log      *slog.Logger
	DB       *db.DB
	Access   *access.Enforcer
	Identity *identity.Service
	Tenancy  *tenancy.Service
	Regions  *regions.Service
	Registry *registry.Service
	Programs *programs.Service
	Partners *partners.Service
	Funds    *funds.Service
	// Jobs is the background job queue shared by every replica.
	Jobs *jobs.Runner
	// Mail is the one SMTP sender, nil when PEDULI_SMTP_URL is not set.
	Mail mail.Sender
	// Files keeps uploads: PEDULI_DATA_DIR/uploads, or an S3 bucket.
	Files storage.Store
	// Journal is the group's double-entry book of its own money.
	Journal *journal.Service
	// Enterprises holds members' enterprises and their monthly books.
	Enterprises *enterprises.Service
	// GroupFund holds members' savings (and loans) in the group's own fund.
	GroupFund *groupfund.Service
	HTTP      *fiber.App
	// RequestTimeout bounds each request's database work (see deadline).
	RequestTimeout time.Duration
	// Metrics is the Prometheus registry served on PEDULI_METRICS_ADDR.
	Metrics *metrics.Metrics
	// Tracing exports a span per request when the OTEL_* variables ask
	// for it; nil (off) otherwise.
	Tracing *tracing.Tracing
	// Pages renders the server-rendered interface (templates, i18n, CSRF).
	Pages *web.Pages

	auth   *identity.Handlers
	resets *identity.Resets
	// limiter bounds anonymous writes (limits.go).
	limiter *ratelimit.Limiter
	// draining is set on SIGTERM: /readyz fails, the rest still serves.
	draining atomic.Bool
}

// Open connects to the configured database and migrates it (as the owner
// role when PEDULI_MIGRATE_DATABASE_URL differs from the serving URL),
// unless PEDULI_MIGRATE_ON_START is false on PostgreSQL.
func Open(ctx context.Context, cfg config.Config, log *slog.Logger) (*db.DB, error) {
	if cfg.Embedded() {
		d, err := db.OpenSQLite(filepath.Join(cfg.DataDir, "peduli.db"), db.Options{Logger: log})
		if err != nil {
			return nil, err
		}
		return d, migrate(ctx, d, log)
	}
	if !cfg.MigrateOnStart {
		// Migrations are their own step ("peduli migrate up"), run once
		// before the replicas of a new release start.
		if cfg.MigrateDatabaseURL != cfg.DatabaseURL {
			return openServing(ctx, cfg.DatabaseURL, log)
		}
		return db.OpenPostgres(cfg.DatabaseURL, db.Options{Logger: log})
	}
	if cfg.MigrateDatabaseURL != cfg.DatabaseURL {
		owner, err := db.OpenPostgres(cfg.MigrateDatabaseURL, db.Options{MaxOpenConns: 2, Logger: log})
		if err != nil {
			return nil, err
		}
		err = migrate(ctx, owner, log)
		if role := db.UserOf(cfg.DatabaseURL); err == nil && role != "" && role != db.UserOf(cfg.MigrateDatabaseURL) {
			err = owner.GrantApp(ctx, role)
		}
		_ = owner.Close() // migrations and grants are done; a close error changes nothing
		if err != nil {
			return nil, err
		}
		return openServing(ctx, cfg.DatabaseURL, log)
	}
	d, err := db.OpenPostgres(cfg.DatabaseURL, db.Options{Logger: log})
	if err != nil {
		return nil, err
	}
	return d, migrate(ctx, d, log)
}

// migrate applies Peduli's migrations, then the job queue's own.
func migrate(ctx context.Context, d *db.DB, log *slog.Logger) error {
	if err := d.Migrate(ctx, log); err != nil {
		return err
	}
	return jobs.Migrate(ctx, d, log)
}

// New builds the App on an open, migrated database.
func New(cfg config.Config, log *slog.Logger, d *db.DB) (*App, error) {
	en, err := access.NewEnforcer(d, log, tenancy.LockGroupForTeamChange)
	if err != nil {
		return nil, err
	}
	now := func() time.Time { return time.Now().UTC() }
	idn := &identity.Service{Store: identity.NewStore(d), SessionIdle: cfg.SessionIdle,
		SessionAbsolute: cfg.SessionAbsolute, Now: now, BaseURL: cfg.BaseURL, Log: log}
	a := &App{
		Config: cfg, Log: log, DB: d, Access: en, Identity: idn, Metrics: metrics.New(),
		RequestTimeout: RequestTimeout,
		Tenancy: &tenancy.Service{DB: d, Store: tenancy.NewStore(d), Identity: idn, Access: en,
			BaseURL: cfg.BaseURL, Log: log, Now: now},
		auth:    &identity.Handlers{Service: idn, HTTPS: cfg.HTTPS()},
		limiter: &ratelimit.Limiter{DB: d, Now: now},
	}
	a.Jobs = jobs.New(d, log)
	if m, err := mail.Parse(cfg.SMTPURL); err != nil {
		return nil, err
	} else if m != nil {
		a.Mail = m
	}
	a.Metrics.WatchDB("peduli", d.SQL())
	if a.Tracing, err = tracing.FromEnv(context.Background()); err != nil {
		return nil, err
	}
	a.Regions = &regions.Service{DB: d, Tenancy: a.Tenancy.Store, Users: idn.Store, Access: en, Log: log, Now: now,
		Queue: func(ctx context.Context, job regions.ReportJob) error { return a.Jobs.Enqueue(ctx, job, jobs.Once) }}
	a.feedMetrics()
	master, err := sealed.NewMaster(cfg.SecretKey)
	if err != nil {
		return nil, err
	}
	// One keyring for all personal data of a tenant: income outcomes are
	// sealed with the registry's keys and re-encrypted when they rotate.
	keys := registry.NewKeyring(master, now)
	a.Regions.Keys = keys
	a.Enterprises = &enterprises.Service{DB: d, Keys: keys, Ledger: fundsLedger{}, Now: now}
	// Programs asks the enterprises for income from books; enterprises
	// know nothing of programs.
	a.Programs = &programs.Service{Store: programs.NewStore(d), Tenancy: a.Tenancy.Store, Keys: keys,
		Books: a.Enterprises, Log: log, Now: now}
	a.Partners = &partners.Service{Keys: keys, Now: now}
	a.Journal = &journal.Service{}
	a.GroupFund = &groupfund.Service{Keys: keys, Attendance: a.Programs, Profits: a.Enterprises, Now: now}
	a.Regions.Fund = fundFigures{fund: a.GroupFund, enterprises: a.Enterprises}
	a.Registry = &registry.Service{Keys: keys, Wages: a.Tenancy.Store, Now: now,
		Resealers: []registry.Resealer{a.Programs, a.Partners, a.Enterprises, a.GroupFund},
		Erasers:   []registry.Eraser{a.Programs, a.Enterprises, a.GroupFund}, Members: a.Programs}
	if a.Files, err = openFiles(cfg); err != nil {
		return nil, err
	}
	a.Tenancy.Files = a.Files
	if err := a.newFunds(cfg, master, a.Files, now); err != nil {
		return nil, err
	}
	pages, err := web.New(web.Options{FS: webfs.FS, SecretKey: cfg.SecretKey, HTTPS: cfg.HTTPS(), Log: log})
	if err != nil {
		return nil, err
	}
	a.Pages = pages
	a.Funds.Texts = pages.Catalogue
	a.resets = &identity.Resets{DB: d, Identity: idn, Access: en, Mailer: a.Mail, Jobs: a.Jobs,
		Texts: pages.Catalogue, BaseURL: cfg.BaseURL, Now: now}
	idn.MailVerification = identity.VerificationMail(a.Mail, pages.Catalogue)
	if a.Mail != nil {
		idn.QueueVerification = func(ctx context.Context, userID, addressHash string) error {
			return a.Jobs.Enqueue(ctx, identity.VerifyMail{UserID: userID, AddressHash: addressHash}, jobs.Once)
		}
	}
	a.HTTP = fiber.New(fiber.Config{
		Immutable:             true,            // handler strings outlive the request in stored structs
		BodyLimit:             UploadBodyLimit, // smallBodies holds all but the upload routes to BodyLimit
		ReadBufferSize:        16 << 10,
		ReadTimeout:           30 * time.Second,
		WriteTimeout:          60 * time.Second,
		IdleTimeout:           120 * time.Second,
		DisableStartupMessage: true,
		// Only a configured reverse proxy may name the client's address.
		EnableTrustedProxyCheck: len(cfg.TrustedProxies) > 0,
		TrustedProxies:          cfg.TrustedProxies,
		ProxyHeader:             proxyHeader(cfg),
		EnableIPValidation:      true,
		ErrorHandler:            a.errorHandler(httpx.ErrorHandler(log, pages.ErrorPage)),
		// Every JSON answer is encoded by go-json, a drop-in for
		// encoding/json's Marshal (same tags, escaping and map order) that
		// took under half its CPU and allocations on the beneficiary list.
		JSONEncoder: gojson.Marshal,
	})
	a.HTTP.Use(a.Metrics.Middleware) // first: it counts what the error handler sends
	a.HTTP.Use(a.Tracing.Middleware) // before deadline, which derives the request's context from it
	a.HTTP.Use(recover.New(recover.Config{EnableStackTrace: true, StackTraceHandler: func(c *fiber.Ctx, e any) {
		log.Error("panic", "request_id", httpx.RequestID(c), "panic", fmt.Sprint(e))
	}}))
	a.HTTP.Use(httpx.RequestIDMiddleware, httpx.AccessLog(log), httpx.SecurityHeaders(cfg.HTTPS(), pages.Assets.StyleSources()...), a.deadline, a.unavailable)
	a.HTTP.Use(idn.Middleware(cfg.HTTPS()), smallBodies)
	a.HTTP.Use(httpx.CrossSiteGuard(identity.Cookie(cfg.HTTPS()), cfg.BaseURL))
	a.HTTP.Use(httpx.TextGuard("/api/v1/stripe/webhook"))
	a.mountAPI()
	a.mountPages()
	a.registerJobs(a.resets)
	if err := a.Jobs.Build(); err != nil {
		return nil, err
	}
	return a, nil
}

// openFiles opens the upload store the config names and checks it (an S3
// bucket missing on a new local stack is created).
func openFiles(cfg config.Config) (storage.Store, error) {
	var st storage.Store = storage.Dir{Root: filepath.Join(cfg.DataDir, "uploads")}
	if cfg.S3Endpoint != "" {
		s3, err := storage.NewS3(storage.S3Config{Endpoint: cfg.S3Endpoint, Bucket: cfg.S3Bucket,
			Region: cfg.S3Region, AccessKey: cfg.S3AccessKey, SecretKey: cfg.S3SecretKey})
		if err != nil {
			return nil, err
		}
		st = s3
	}
	if err := st.Check(context.Background()); err != nil {
		return nil, fmt.Errorf("upload store: %w", err)
	}
	return st, nil
}

// Provision applies the tenants directory: the embedded one unless
// PEDULI_TENANTS_DIR names another; an empty PEDULI_TENANTS_DIR disables it.
func (a *App) Provision(ctx context.Context) error {
	var fsys fs.FS = tenants.FS
	if a.Config.TenantsDirSet {
		if a.Config.TenantsDir == "" {
			return nil
		}
		fsys = os.DirFS(a.Config.TenantsDir)
	}
	return a.Apply(ctx, fsys)
}

// Apply applies one tenants directory, idempotently.
func (a *App) Apply(ctx context.Context, fsys fs.FS) error {
	return provision.Apply(ctx, fsys, a.provisionSteps())
}

func (a *App) provisionSteps() []provision.Step {
	return []provision.Step{
		{Name: "regions", Apply: a.Tenancy.ApplyRegions},
		{Name: "templates", Apply: a.Programs.ApplyTemplates},
		{Name: "enterprise kinds", Apply: a.Enterprises.ApplyKinds},
		{Name: "groups", Apply: a.Tenancy.ApplyGroups},
		{Name: "hosts", Apply: a.Funds.ApplyHosts},
		{Name: "group hosts", Apply: a.Funds.ApplyGroupHosts},
	}
}

// Ready reports whether the database answers within two seconds.
func (a *App) Ready(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	if err := a.DB.Ping(ctx); err != nil {
		return errors.Join(errors.New("database unreachable"), err)
	}
	return nil
}

// Close stops working jobs, exports the spans still buffered and releases
// the database.
func (a *App) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return errors.Join(a.Jobs.Stop(JobGrace), a.Tracing.Shutdown(ctx), a.DB.Close())
}
