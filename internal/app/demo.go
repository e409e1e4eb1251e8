package app

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/platform/config"
	"github.com/peduli/peduli/internal/platform/errs"
)

// Demo accounts created on a first run.
const (
	DemoGroup      = "rindu-sejahtera"
	DemoOwnerEmail = "ketua@rindu-sejahtera.example"
	DemoAdminEmail = "admin@peduli.example"
)

// IsEmpty reports whether no user exists yet: a first run.
func (a *App) IsEmpty(ctx context.Context) (bool, error) {
	some, err := a.Identity.Store.HasUsers(ctx)
	return !some, err
}

// Demo creates (or resets the passwords of) the demo owner of Rindu
// Sejahtera and a platform admin, and prints how to log in.
func (a *App) Demo(ctx context.Context, out io.Writer) error {
	owner, ownerPass, err := a.demoUser(ctx, DemoOwnerEmail, "Ketua Rindu Sejahtera")
	if err != nil {
		return err
	}
	t, err := a.Tenancy.Store.TenantBySlug(ctx, DemoGroup)
	if err != nil {
		return fmt.Errorf("demo group %s is not provisioned: %w", DemoGroup, err)
	}
	if err := a.Access.SetRole(owner.ID, t.ID, access.Owner); err != nil {
		return err
	}
	started := time.Now()
	if err := a.DemoContent(ctx, t, owner.ID); err != nil {
		return err
	}
	a.Log.Debug("demo content", "ms", time.Since(started).Milliseconds())
	admin, adminPass, err := a.demoUser(ctx, DemoAdminEmail, "Peduli Admin")
	if err != nil {
		return err
	}
	if err := a.Access.GrantPlatformAdmin(admin.ID); err != nil {
		return err
	}
	fmt.Fprintf(out, "\nDemo logins (Rindu Sejahtera has a year of example records):\n\n")
	fmt.Fprintf(out, "  Demo owner of Rindu Sejahtera: %s  password: %s\n", DemoOwnerEmail, ownerPass)
	fmt.Fprintf(out, "  Platform admin:                %s  password: %s\n\n", DemoAdminEmail, adminPass)
	fmt.Fprintf(out, "These passwords are shown once. Run with --demo to reset them.\n\n")
	return nil
}

func (a *App) demoUser(ctx context.Context, email, name string) (*identity.User, string, error) {
	pass := randomPassword()
	u, err := a.Identity.Store.UserByEmail(ctx, email)
	if errors.Is(err, errs.ErrNotFound) {
		err = a.DB.GlobalTx(ctx, func(tx *gorm.DB) error {
			var err error
			u, err = a.Identity.CreateUser(tx, identity.NewUser{Email: email, Name: name, Password: pass, Locale: "id", Verified: true})
			return err
		})
		return u, pass, err
	}
	if err != nil {
		return nil, "", err
	}
	if err := a.Identity.MarkVerified(ctx, u.ID); err != nil {
		return nil, "", err
	}
	return u, pass, a.Identity.SetPassword(ctx, u.ID, pass)
}

func randomPassword() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return strings.ToLower(base64.RawURLEncoding.EncodeToString(b[:]))
}

// PrepareSecret makes sure a master secret for personal data exists. The
// embedded database keeps a generated one beside itself; PostgreSQL
// deployments must set PEDULI_SECRET_KEY, since a lost key loses the data.
func PrepareSecret(cfg *config.Config) error {
	if cfg.SecretKey != "" {
		return nil
	}
	if !cfg.Embedded() {
		return errors.New("PEDULI_SECRET_KEY (32+ characters) is required with PostgreSQL")
	}
	path := filepath.Join(cfg.DataDir, "secret.key")
	if b, err := os.ReadFile(path); err == nil { // #nosec G304 -- the operator's own data directory
		cfg.SecretKey = strings.TrimSpace(string(b))
		return nil
	}
	if err := os.MkdirAll(cfg.DataDir, 0o750); err != nil {
		return err
	}
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return err
	}
	cfg.SecretKey = base64.RawURLEncoding.EncodeToString(b[:])
	return os.WriteFile(path, []byte(cfg.SecretKey+"\n"), 0o600)
}
