package config

import (
	"flag"
	"slices"
	"strings"
	"testing"
	"time"
)

func env(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func TestDefaultIsValidAndLocal(t *testing.T) {
	t.Parallel()
	c := Default()
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	if !c.Embedded() || c.HTTPS() || c.MigrateDatabaseURL != "" || c.Addr != "127.0.0.1:8080" || !c.MigrateOnStart {
		t.Fatalf("default = %+v", c)
	}
}

// TestEnvironmentThenFlags: PEDULI_* variables fill the settings, a flag
// given on the command line wins over its variable.
func TestEnvironmentThenFlags(t *testing.T) {
	t.Parallel()
	c := Default()
	err := c.fromEnv(env(map[string]string{
		"PEDULI_ADDR":             ":9000",
		"PEDULI_DATABASE_URL":     "postgres://app@db/peduli",
		"PEDULI_BASE_URL":         "https://peduli.example.org/",
		"PEDULI_TRUSTED_PROXIES":  " 10.0.0.1, ,10.0.1.0/24 ",
		"PEDULI_TENANTS_DIR":      "",
		"PEDULI_DEMO":             "true",
		"PEDULI_MIGRATE_ON_START": "false",
		"PEDULI_SESSION_IDLE":     "2h",
		"PEDULI_DRAIN":            "",
	}))
	if err != nil {
		t.Fatal(err)
	}
	fs := flag.NewFlagSet("peduli", flag.ContinueOnError)
	c.Flags(fs)
	if err := fs.Parse([]string{"-addr", ":9001", "-session-absolute", "48h"}); err != nil {
		t.Fatal(err)
	}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	switch {
	case c.Addr != ":9001":
		t.Errorf("addr = %q, want the flag's :9001", c.Addr)
	case c.DatabaseURL != "postgres://app@db/peduli" || c.MigrateDatabaseURL != c.DatabaseURL || c.Embedded():
		t.Errorf("database = %q, migrate %q", c.DatabaseURL, c.MigrateDatabaseURL)
	case c.BaseURL != "https://peduli.example.org" || !c.HTTPS():
		t.Errorf("base URL = %q, want it without the trailing slash, over HTTPS", c.BaseURL)
	case !slices.Equal(c.TrustedProxies, []string{"10.0.0.1", "10.0.1.0/24"}):
		t.Errorf("trusted proxies = %q", c.TrustedProxies)
	case !c.TenantsDirSet || c.TenantsDir != "":
		t.Errorf("an empty PEDULI_TENANTS_DIR must turn applying off: %q set=%v", c.TenantsDir, c.TenantsDirSet)
	case !c.Demo || c.MigrateOnStart:
		t.Errorf("demo %v, migrate on start %v", c.Demo, c.MigrateOnStart)
	case c.SessionIdle != 2*time.Hour || c.SessionAbsolute != 48*time.Hour || c.Drain != 5*time.Second:
		t.Errorf("durations: idle %s, absolute %s, drain %s", c.SessionIdle, c.SessionAbsolute, c.Drain)
	}
}

func TestEnvironmentErrorsNameTheVariable(t *testing.T) {
	t.Parallel()
	for key, value := range map[string]string{
		"PEDULI_DEMO":             "maybe",
		"PEDULI_MIGRATE_ON_START": "sometimes",
		"PEDULI_SESSION_IDLE":     "12",
		"PEDULI_DRAIN":            "soon",
	} {
		c := Default()
		err := c.fromEnv(env(map[string]string{key: value}))
		if err == nil || !strings.HasPrefix(err.Error(), key+": ") {
			t.Errorf("%s=%s: error %v, want one naming the variable", key, value, err)
		}
	}
}

func TestValidateRefuses(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name string
		set  func(*Config)
		want string
	}{
		{"base URL without scheme", func(c *Config) { c.BaseURL = "peduli.example.org" }, "PEDULI_BASE_URL"},
		{"base URL over ftp", func(c *Config) { c.BaseURL = "ftp://peduli.example.org" }, "PEDULI_BASE_URL"},
		{"idle above absolute", func(c *Config) { c.SessionIdle = 31 * 24 * time.Hour }, "session timeouts"},
		{"no idle timeout", func(c *Config) { c.SessionIdle = 0 }, "session timeouts"},
		{"S3 without bucket", func(c *Config) { c.S3Endpoint = "http://minio:9000" }, "PEDULI_S3_BUCKET"},
		{"negative drain", func(c *Config) { c.Drain = -time.Second }, "PEDULI_DRAIN"},
	} {
		cfg := Default()
		c.set(&cfg)
		if err := cfg.Validate(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want an error about %s", c.name, err, c.want)
		}
	}
}

func TestLoadMarksAGivenTenantsDirFlag(t *testing.T) {
	t.Parallel()
	c, err := Load("peduli", []string{"-tenants-dir", "", "-base-url", "http://localhost:9999"})
	if err != nil {
		t.Fatal(err)
	}
	if !c.TenantsDirSet || c.TenantsDir != "" || c.BaseURL != "http://localhost:9999" {
		t.Fatalf("loaded %+v", c)
	}
	if _, err := Load("peduli", []string{"-no-such-flag"}); err == nil {
		t.Fatal("an unknown flag was accepted")
	}
}

// TestEnvNamesListsEverySetting: the list deployment checks use holds
// each variable once, sorted, including the ones read apart from the rest.
func TestEnvNamesListsEverySetting(t *testing.T) {
	t.Parallel()
	names := EnvNames()
	if !slices.IsSorted(names) || len(slices.Compact(slices.Clone(names))) != len(names) {
		t.Fatalf("names not sorted or repeated: %v", names)
	}
	for _, want := range []string{"PEDULI_ADDR", "PEDULI_TRUSTED_PROXIES", "PEDULI_TENANTS_DIR", "PEDULI_DEMO",
		"PEDULI_MIGRATE_ON_START", "PEDULI_SESSION_IDLE", "PEDULI_DRAIN", "PEDULI_S3_SECRET_KEY", "PEDULI_PPROF_ADDR"} {
		if !slices.Contains(names, want) {
			t.Errorf("EnvNames lacks %s", want)
		}
	}
	if len(names) != 27 {
		t.Errorf("EnvNames has %d names, want 27: %v", len(names), names)
	}
}
