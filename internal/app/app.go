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
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/recover"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/funds"
	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/partners"
	"github.com/peduli/peduli/internal/platform/config"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/httpx"
	"github.com/peduli/peduli/internal/platform/ratelimit"
	"github.com/peduli/peduli/internal/platform/sealed"
	"github.com/peduli/peduli/internal/programs"
	"github.com/peduli/peduli/internal/provision"
	"github.com/peduli/peduli/internal/regions"
	"github.com/peduli/peduli/internal/registry"
	"github.com/peduli/peduli/internal/tenancy"
	"github.com/peduli/peduli/internal/web"
	"github.com/peduli/peduli/internal/web/account"
	"github.com/peduli/peduli/tenants"
	webfs "github.com/peduli/peduli/web"
)

// BodyLimit is the largest request body accepted (1 MiB).
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
	HTTP     *fiber.App
	// Pages renders the server-rendered interface (templates, i18n, CSRF).
	Pages *web.Pages

	auth *identity.Handlers
	// limiter bounds anonymous writes (limits.go).
	limiter *ratelimit.Limiter
}

// Open connects to the configured database and migrates it (as the owner
// role when PEDULI_MIGRATE_DATABASE_URL differs from the serving URL).
func Open(ctx context.Context, cfg config.Config, log *slog.Logger) (*db.DB, error) {
	if cfg.Embedded() {
		d, err := db.OpenSQLite(filepath.Join(cfg.DataDir, "peduli.db"), db.Options{Logger: log})
		if err != nil {
			return nil, err
		}
		return d, d.Migrate(ctx, log)
	}
	if cfg.MigrateDatabaseURL != cfg.DatabaseURL {
		owner, err := db.OpenPostgres(cfg.MigrateDatabaseURL, db.Options{MaxOpenConns: 2, Logger: log})
		if err != nil {
			return nil, err
		}
		err = owner.Migrate(ctx, log)
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
	return d, d.Migrate(ctx, log)
}

// New builds the App on an open, migrated database.
func New(cfg config.Config, log *slog.Logger, d *db.DB) (*App, error) {
	en, err := access.NewEnforcer(d, log)
	if err != nil {
		return nil, err
	}
	now := func() time.Time { return time.Now().UTC() }
	idn := &identity.Service{Store: identity.NewStore(d), SessionIdle: cfg.SessionIdle,
		SessionAbsolute: cfg.SessionAbsolute, Now: now, BaseURL: cfg.BaseURL, Log: log}
	a := &App{
		Config: cfg, Log: log, DB: d, Access: en, Identity: idn,
		Tenancy: &tenancy.Service{DB: d, Store: tenancy.NewStore(d), Identity: idn, Access: en,
			BaseURL: cfg.BaseURL, Log: log, Now: now},
		auth:    &identity.Handlers{Service: idn, HTTPS: cfg.HTTPS(), Admins: en},
		limiter: &ratelimit.Limiter{DB: d, Now: now},
	}
	a.Regions = &regions.Service{DB: d, Tenancy: a.Tenancy.Store, Users: idn.Store, Access: en, Log: log, Now: now}
	master, err := sealed.NewMaster(cfg.SecretKey)
	if err != nil {
		return nil, err
	}
	// One keyring for all personal data of a tenant: income outcomes are
	// sealed with the registry's keys and re-encrypted when they rotate.
	keys := registry.NewKeyring(master, now)
	a.Regions.Keys = keys
	a.Programs = &programs.Service{Store: programs.NewStore(d), Tenancy: a.Tenancy.Store, Keys: keys, Log: log, Now: now}
	a.Partners = &partners.Service{Keys: keys, Now: now}
	a.Registry = &registry.Service{Keys: keys, Wages: a.Tenancy.Store, Now: now,
		Resealers: []registry.Resealer{a.Programs, a.Partners}, Erasers: []registry.Eraser{a.Programs}, Members: a.Programs}
	if err := a.newFunds(cfg, master, now); err != nil {
		return nil, err
	}
	pages, err := web.New(web.Options{FS: webfs.FS, SecretKey: cfg.SecretKey, HTTPS: cfg.HTTPS(), Log: log})
	if err != nil {
		return nil, err
	}
	a.Pages = pages
	idn.MailVerification = account.VerificationMail(a.mailer(), pages.Catalogue)
	a.HTTP = fiber.New(fiber.Config{
		Immutable:             true, // handler strings outlive the request in stored structs
		BodyLimit:             BodyLimit,
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
		ErrorHandler:            httpx.ErrorHandler(log, pages.ErrorPage),
	})
	a.HTTP.Use(recover.New(recover.Config{EnableStackTrace: true, StackTraceHandler: func(c *fiber.Ctx, e any) {
		log.Error("panic", "request_id", httpx.RequestID(c), "panic", fmt.Sprint(e))
	}}))
	a.HTTP.Use(httpx.RequestIDMiddleware, httpx.AccessLog(log), httpx.SecurityHeaders(cfg.HTTPS()))
	a.HTTP.Use(idn.Middleware(cfg.HTTPS()))
	a.HTTP.Use(httpx.CrossSiteGuard(identity.Cookie(cfg.HTTPS()), cfg.BaseURL))
	a.HTTP.Use(httpx.TextGuard("/api/v1/stripe/webhook"))
	a.mountAPI()
	a.mountPages()
	return a, nil
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

// Close releases the database.
func (a *App) Close() error { return a.DB.Close() }
