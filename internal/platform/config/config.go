// Package config reads Peduli's settings from PEDULI_* environment variables
// and command-line flags into one struct. Flags win over the environment.
package config

import (
	"flag"
	"fmt"
	"net"
	"net/url"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Config is every setting of the server and the CLI.
type Config struct {
	Addr               string // PEDULI_ADDR: listen address
	DatabaseURL        string // PEDULI_DATABASE_URL: PostgreSQL URL for serving; empty = embedded SQLite
	MigrateDatabaseURL string // PEDULI_MIGRATE_DATABASE_URL: owner role for migrations; defaults to DatabaseURL
	DataDir            string // PEDULI_DATA_DIR: where the embedded database and uploads live
	BaseURL            string // PEDULI_BASE_URL: public URL used in links (invitations, receipts)
	SecretKey          string // PEDULI_SECRET_KEY: master secret for personal-data encryption
	TenantsDir         string // PEDULI_TENANTS_DIR: declarative data applied at start
	TenantsDirSet      bool   // whether PEDULI_TENANTS_DIR was given (empty then disables applying)
	Demo               bool   // PEDULI_DEMO: create demo logins even on a non-empty database
	LogLevel           string // PEDULI_LOG_LEVEL: debug, info, warn, error

	StripeSecretKey     string // PEDULI_STRIPE_SECRET_KEY
	StripeWebhookSecret string // PEDULI_STRIPE_WEBHOOK_SECRET
	StripeAPIBase       string // PEDULI_STRIPE_API_BASE: e.g. stripe-mock's URL in tests

	SMTPURL string // PEDULI_SMTP_URL: smtp://user:pass@host:port?from=...

	// PEDULI_TRUSTED_PROXIES: comma-separated addresses or CIDRs of reverse
	// proxies whose PEDULI_PROXY_HEADER names the client's address (login
	// throttling counts per address). Empty: the TCP peer is the client.
	TrustedProxies []string
	ProxyHeader    string // PEDULI_PROXY_HEADER: set (overwritten) by the trusted proxy; default X-Real-IP

	SessionIdle     time.Duration // PEDULI_SESSION_IDLE: a session unused this long ends
	SessionAbsolute time.Duration // PEDULI_SESSION_ABSOLUTE: a session ends this long after login
	ShutdownTimeout time.Duration // PEDULI_SHUTDOWN_TIMEOUT
	// PEDULI_DRAIN: after SIGTERM, /readyz answers 503 this long while
	// requests are still served, so load balancers stop sending new ones.
	Drain time.Duration

	// PEDULI_MIGRATE_ON_START: serve applies pending migrations before it
	// listens (one replica). With several, run "peduli migrate up" as its
	// own step and set this to false.
	MigrateOnStart bool

	// PEDULI_METRICS_ADDR: listen address of the Prometheus /metrics
	// endpoint, never the public one; empty turns metrics off.
	MetricsAddr string

	// PEDULI_PPROF_ADDR: loopback address (127.0.0.1:port, [::1]:port or
	// localhost:port) of Go's profiler, /debug/pprof/, for measuring under
	// load; empty (the default) turns it off. Never the public address.
	PprofAddr string

	// Uploaded files: in PEDULI_DATA_DIR/uploads unless PEDULI_S3_ENDPOINT
	// names an S3-compatible store (needed for more than one replica).
	S3Endpoint  string // PEDULI_S3_ENDPOINT: https://host[:port], http://host:port or host[:port]
	S3Bucket    string // PEDULI_S3_BUCKET
	S3Region    string // PEDULI_S3_REGION
	S3AccessKey string // PEDULI_S3_ACCESS_KEY: empty uses AWS_*/MINIO_* variables or the IAM role
	S3SecretKey string // PEDULI_S3_SECRET_KEY

	// Limits bound anonymous writes per client address and per target
	// (docs/SECURITY.md); not read from the environment.
	Limits Limits
}

// Limit allows at most Count requests per Window; a Count of 0 turns it off.
type Limit struct {
	Count  int
	Window time.Duration
}

// Limits are the abuse limits on anonymous writes. A real person's few
// tries stay far below each of them.
type Limits struct {
	DonationsPerAddress     Limit // online gifts started from one client address
	DonationsPerGroup       Limit // online gifts started for one group, from any address
	SignupsPerAddress       Limit // sign-ups (API and page) from one address
	ResetRequestsPerAddress Limit // "forgot password" requests from one address
	ResetRequestsPerEmail   Limit // "forgot password" requests naming one email
	InvitationsPerAddress   Limit // invitation previews and accepts from one address
	ResetLinksPerAddress    Limit // password-reset link pages and submissions from one address
}

// DefaultLimits are the limits Peduli serves with.
func DefaultLimits() Limits {
	return Limits{
		DonationsPerAddress:     Limit{Count: 10, Window: 10 * time.Minute},
		DonationsPerGroup:       Limit{Count: 100, Window: 10 * time.Minute},
		SignupsPerAddress:       Limit{Count: 10, Window: time.Hour},
		ResetRequestsPerAddress: Limit{Count: 10, Window: time.Hour},
		ResetRequestsPerEmail:   Limit{Count: 3, Window: time.Hour},
		InvitationsPerAddress:   Limit{Count: 30, Window: 10 * time.Minute},
		ResetLinksPerAddress:    Limit{Count: 30, Window: 10 * time.Minute},
	}
}

// Default returns the settings a newcomer gets with no configuration.
func Default() Config {
	return Config{
		Addr:            "127.0.0.1:8080",
		DataDir:         "./data",
		BaseURL:         "http://localhost:8080",
		LogLevel:        "info",
		SessionIdle:     12 * time.Hour,
		SessionAbsolute: 30 * 24 * time.Hour,
		ShutdownTimeout: 15 * time.Second,
		Drain:           5 * time.Second,
		MigrateOnStart:  true,
		ProxyHeader:     "X-Real-IP",
		Limits:          DefaultLimits(),
	}
}

// Load fills a Config from the environment, then from the flags in args.
// A command adds its own flags with extra.
func Load(name string, args []string, extra ...func(*flag.FlagSet)) (Config, error) {
	cfg := Default()
	if err := cfg.fromEnv(os.LookupEnv); err != nil {
		return cfg, err
	}
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	cfg.Flags(fs)
	for _, add := range extra {
		add(fs)
	}
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "tenants-dir" {
			cfg.TenantsDirSet = true
		}
	})
	return cfg, cfg.Validate()
}

// Flags registers one flag per setting on fs, defaulting to the current values.
func (c *Config) Flags(fs *flag.FlagSet) {
	fs.StringVar(&c.Addr, "addr", c.Addr, "listen address (PEDULI_ADDR)")
	fs.StringVar(&c.DatabaseURL, "database-url", c.DatabaseURL, "PostgreSQL URL; empty for embedded SQLite (PEDULI_DATABASE_URL)")
	fs.StringVar(&c.MigrateDatabaseURL, "migrate-database-url", c.MigrateDatabaseURL, "PostgreSQL URL of the owner role for migrations (PEDULI_MIGRATE_DATABASE_URL)")
	fs.StringVar(&c.DataDir, "data-dir", c.DataDir, "directory of the embedded database and uploads (PEDULI_DATA_DIR)")
	fs.StringVar(&c.BaseURL, "base-url", c.BaseURL, "public URL of this server (PEDULI_BASE_URL)")
	fs.StringVar(&c.SecretKey, "secret-key", c.SecretKey, "master secret for personal data, 32+ characters (PEDULI_SECRET_KEY)")
	fs.StringVar(&c.TenantsDir, "tenants-dir", c.TenantsDir, "tenants directory applied at start; empty disables (PEDULI_TENANTS_DIR)")
	fs.BoolVar(&c.Demo, "demo", c.Demo, "create demo logins and print them (PEDULI_DEMO)")
	fs.StringVar(&c.LogLevel, "log-level", c.LogLevel, "debug, info, warn or error (PEDULI_LOG_LEVEL)")
	fs.StringVar(&c.StripeSecretKey, "stripe-secret-key", c.StripeSecretKey, "Stripe secret key of the default host (PEDULI_STRIPE_SECRET_KEY)")
	fs.StringVar(&c.StripeWebhookSecret, "stripe-webhook-secret", c.StripeWebhookSecret, "Stripe webhook signing secret (PEDULI_STRIPE_WEBHOOK_SECRET)")
	fs.StringVar(&c.StripeAPIBase, "stripe-api-base", c.StripeAPIBase, "Stripe API base URL (PEDULI_STRIPE_API_BASE)")
	fs.StringVar(&c.SMTPURL, "smtp-url", c.SMTPURL, "SMTP server for email (PEDULI_SMTP_URL)")
	fs.Func("trusted-proxies", "comma-separated reverse-proxy addresses or CIDRs (PEDULI_TRUSTED_PROXIES)", func(v string) error {
		c.TrustedProxies = splitList(v)
		return nil
	})
	fs.StringVar(&c.ProxyHeader, "proxy-header", c.ProxyHeader, "header the trusted proxy sets to the client address (PEDULI_PROXY_HEADER)")
	fs.DurationVar(&c.SessionIdle, "session-idle", c.SessionIdle, "idle session timeout (PEDULI_SESSION_IDLE)")
	fs.DurationVar(&c.SessionAbsolute, "session-absolute", c.SessionAbsolute, "absolute session timeout (PEDULI_SESSION_ABSOLUTE)")
	fs.DurationVar(&c.ShutdownTimeout, "shutdown-timeout", c.ShutdownTimeout, "graceful shutdown timeout (PEDULI_SHUTDOWN_TIMEOUT)")
	fs.DurationVar(&c.Drain, "drain", c.Drain, "after SIGTERM, how long /readyz fails before in-flight requests drain (PEDULI_DRAIN)")
	fs.BoolVar(&c.MigrateOnStart, "migrate-on-start", c.MigrateOnStart, "apply pending migrations before serving (PEDULI_MIGRATE_ON_START)")
	fs.StringVar(&c.MetricsAddr, "metrics-addr", c.MetricsAddr, "listen address of Prometheus /metrics; empty disables (PEDULI_METRICS_ADDR)")
	fs.StringVar(&c.PprofAddr, "pprof-addr", c.PprofAddr, "loopback listen address of /debug/pprof/; empty disables (PEDULI_PPROF_ADDR)")
	fs.StringVar(&c.S3Endpoint, "s3-endpoint", c.S3Endpoint, "S3-compatible store for uploads; empty keeps them in the data directory (PEDULI_S3_ENDPOINT)")
	fs.StringVar(&c.S3Bucket, "s3-bucket", c.S3Bucket, "bucket for uploads (PEDULI_S3_BUCKET)")
	fs.StringVar(&c.S3Region, "s3-region", c.S3Region, "region of the bucket (PEDULI_S3_REGION)")
	fs.StringVar(&c.S3AccessKey, "s3-access-key", c.S3AccessKey, "S3 access key (PEDULI_S3_ACCESS_KEY)")
	fs.StringVar(&c.S3SecretKey, "s3-secret-key", c.S3SecretKey, "S3 secret key (PEDULI_S3_SECRET_KEY)")
}

func (c *Config) fromEnv(lookup func(string) (string, bool)) error {
	strs := map[string]*string{
		"PEDULI_ADDR":                  &c.Addr,
		"PEDULI_DATABASE_URL":          &c.DatabaseURL,
		"PEDULI_MIGRATE_DATABASE_URL":  &c.MigrateDatabaseURL,
		"PEDULI_DATA_DIR":              &c.DataDir,
		"PEDULI_BASE_URL":              &c.BaseURL,
		"PEDULI_SECRET_KEY":            &c.SecretKey,
		"PEDULI_LOG_LEVEL":             &c.LogLevel,
		"PEDULI_STRIPE_SECRET_KEY":     &c.StripeSecretKey,
		"PEDULI_STRIPE_WEBHOOK_SECRET": &c.StripeWebhookSecret,
		"PEDULI_STRIPE_API_BASE":       &c.StripeAPIBase,
		"PEDULI_SMTP_URL":              &c.SMTPURL,
		"PEDULI_PROXY_HEADER":          &c.ProxyHeader,
		"PEDULI_METRICS_ADDR":          &c.MetricsAddr,
		"PEDULI_PPROF_ADDR":            &c.PprofAddr,
		"PEDULI_S3_ENDPOINT":           &c.S3Endpoint,
		"PEDULI_S3_BUCKET":             &c.S3Bucket,
		"PEDULI_S3_REGION":             &c.S3Region,
		"PEDULI_S3_ACCESS_KEY":         &c.S3AccessKey,
		"PEDULI_S3_SECRET_KEY":         &c.S3SecretKey,
	}
	for key, dst := range strs {
		if v, ok := lookup(key); ok {
			*dst = v
		}
	}
	if v, ok := lookup("PEDULI_TRUSTED_PROXIES"); ok {
		c.TrustedProxies = splitList(v)
	}
	if v, ok := lookup("PEDULI_TENANTS_DIR"); ok {
		c.TenantsDir, c.TenantsDirSet = v, true
	}
	if v, ok := lookup("PEDULI_DEMO"); ok && v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return fmt.Errorf("PEDULI_DEMO: %w", err)
		}
		c.Demo = b
	}
	if v, ok := lookup("PEDULI_MIGRATE_ON_START"); ok && v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return fmt.Errorf("PEDULI_MIGRATE_ON_START: %w", err)
		}
		c.MigrateOnStart = b
	}
	durations := map[string]*time.Duration{
		"PEDULI_SESSION_IDLE":     &c.SessionIdle,
		"PEDULI_SESSION_ABSOLUTE": &c.SessionAbsolute,
		"PEDULI_SHUTDOWN_TIMEOUT": &c.ShutdownTimeout,
		"PEDULI_DRAIN":            &c.Drain,
	}
	for key, dst := range durations {
		if v, ok := lookup(key); ok && v != "" {
			d, err := time.ParseDuration(v)
			if err != nil {
				return fmt.Errorf("%s: %w", key, err)
			}
			*dst = d
		}
	}
	return nil
}

// Validate checks the settings that would otherwise fail later and obscurely.
func (c *Config) Validate() error {
	if c.MigrateDatabaseURL == "" {
		c.MigrateDatabaseURL = c.DatabaseURL
	}
	u, err := url.Parse(c.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("PEDULI_BASE_URL must be an http(s) URL, got %q", c.BaseURL)
	}
	c.BaseURL = strings.TrimRight(c.BaseURL, "/")
	if c.SessionIdle <= 0 || c.SessionAbsolute < c.SessionIdle {
		return fmt.Errorf("session timeouts: idle must be positive and not above absolute")
	}
	if c.S3Endpoint != "" && c.S3Bucket == "" {
		return fmt.Errorf("PEDULI_S3_BUCKET is required with PEDULI_S3_ENDPOINT")
	}
	if c.Drain < 0 {
		return fmt.Errorf("PEDULI_DRAIN must not be negative")
	}
	if c.PprofAddr != "" && !Loopback(c.PprofAddr) {
		return fmt.Errorf("PEDULI_PPROF_ADDR must be a loopback address such as 127.0.0.1:6060, got %q", c.PprofAddr)
	}
	return nil
}

// Loopback reports whether addr (host:port) listens on this machine only:
// 127.0.0.0/8, ::1 or localhost, with a port.
func Loopback(addr string) bool {
	host, port, err := net.SplitHostPort(addr)
	if err != nil || port == "" {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Embedded reports whether Peduli runs on its embedded SQLite database.
func (c *Config) Embedded() bool { return c.DatabaseURL == "" }

// HTTPS reports whether the public URL is served over HTTPS, which decides
// Secure cookies, the __Host- prefix and HSTS.
func (c *Config) HTTPS() bool { return strings.HasPrefix(c.BaseURL, "https://") }

// splitList splits a comma-separated setting, dropping blanks.
func splitList(v string) []string {
	var out []string
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// EnvNames lists every PEDULI_* variable the binary reads, for checks that
// deployment files set only real settings.
func EnvNames() []string {
	var names []string
	c := Default()
	_ = c.fromEnv(func(key string) (string, bool) { // nothing is set, so nothing fails
		names = append(names, key)
		return "", false
	})
	sort.Strings(names)
	return names
}
