package access

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/casbin/casbin/v2"
	"github.com/casbin/casbin/v2/model"
	gormadapter "github.com/casbin/gorm-adapter/v3"
	"gorm.io/gorm"

	"github.com/peduli/peduli/internal/platform/db"
)

// The model: role assignments per domain (g), permissions shared by every
// tenant in domain "*" (p). Permissions are never copied per tenant: that
// makes checks scale with the number of tenants.
const modelText = `
[request_definition]
r = sub, dom, obj, act

[policy_definition]
p = sub, dom, obj, act

[role_definition]
g = _, _, _

[policy_effect]
e = some(where (p.eft == allow))

[matchers]
m = g(r.sub, p.sub, r.dom) && (p.dom == "*" || p.dom == r.dom) && (p.obj == "*" || p.obj == r.obj) && (p.act == "*" || p.act == r.act)
`

// Domains and subjects as casbin stores them.
const platformDomain = "platform"

func userSub(id string) string        { return "u:" + id }
func tenantDom(id string) string      { return "t:" + id }
func regionDom(code string) string    { return "r:" + code }
func userFromSub(sub string) string   { return strings.TrimPrefix(sub, "u:") }
func tenantFromDom(dom string) string { return strings.TrimPrefix(dom, "t:") }
func regionFromDom(dom string) string { return strings.TrimPrefix(dom, "r:") }

// Enforcer wraps a synchronised casbin enforcer whose every change is
// written through to casbin_rule at once (AutoSave, incremental writes; the
// policy is never saved whole, which would truncate the table first).
type Enforcer struct {
	e       *casbin.SyncedEnforcer
	log     *slog.Logger
	db      *db.DB
	replica string // names this process in change announcements
}

// NewEnforcer loads the policy from d and makes sure the role permissions
// of this build are present.
func NewEnforcer(d *db.DB, log *slog.Logger) (*Enforcer, error) {
	m, err := model.NewModelFromString(modelText)
	if err != nil {
		return nil, err
	}
	// The table comes from our migrations; the adapter must not migrate.
	adb := d.Global(context.Background()).Session(&gorm.Session{})
	gormadapter.TurnOffAutoMigrate(adb)
	adapter, err := gormadapter.NewAdapterByDBUseTableName(adb, "", "casbin_rule")
	if err != nil {
		return nil, fmt.Errorf("casbin adapter: %w", err)
	}
	e, err := casbin.NewSyncedEnforcer(m, adapter)
	if err != nil {
		return nil, fmt.Errorf("casbin: %w", err)
	}
	e.EnableAutoSave(true)
	en := &Enforcer{e: e, log: log, db: d, replica: db.NewID()}
	if err := en.syncGrants(); err != nil {
		return nil, err
	}
	return en, nil
}

// syncGrants adds missing role permissions and removes ones this build no
// longer grants, one rule at a time.
func (en *Enforcer) syncGrants() error {
	want := map[string][]string{}
	for role, perms := range grants {
		for _, p := range perms {
			rule := []string{string(role), "*", p.Obj, p.Act}
			want[strings.Join(rule, "|")] = rule
		}
	}
	want["platform_admin|platform|*|*"] = []string{string(PlatformAdmin), platformDomain, "*", "*"}
	have, err := en.e.GetPolicy()
	if err != nil {
		return err
	}
	for _, rule := range have {
		key := strings.Join(rule, "|")
		if _, ok := want[key]; ok {
			delete(want, key)
			continue
		}
		if _, err := en.e.RemovePolicy(rule); err != nil {
			return err
		}
	}
	for _, rule := range want {
		if _, err := en.e.AddPolicy(rule); err != nil {
			return err
		}
	}
	return nil
}

// Reload re-reads the whole policy, picking up changes other replicas made.
func (en *Enforcer) Reload() error { return en.e.LoadPolicy() }

// ReloadEvery reloads the policy on a timer until ctx ends; it bounds how
// stale another replica's role change can be here.
func (en *Enforcer) ReloadEvery(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := en.Reload(); err != nil {
				en.log.Error("casbin reload failed", "error", err)
			}
		}
	}
}
