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
// makes checks scale with the number of tenants. The matcher compares the
// permission first and asks for the role link (g) last, so the role cache
// is asked only about the few rules that grant what is asked.
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
m = (p.obj == "*" || p.obj == r.obj) && (p.act == "*" || p.act == r.act) && (p.dom == "*" || p.dom == r.dom) && g(r.sub, p.sub, r.dom)
`

// Domains and subjects as casbin stores them.
const platformDomain = "platform"

func userSub(id string) string        { return "u:" + id }
func tenantDom(id string) string      { return "t:" + id }
func regionDom(code string) string    { return "r:" + code }
func userFromSub(sub string) string   { return strings.TrimPrefix(sub, "u:") }
func tenantFromDom(dom string) string { return strings.TrimPrefix(dom, "t:") }
func regionFromDom(dom string) string { return strings.TrimPrefix(dom, "r:") }

// Enforcer decides with casbin: the model and the permissions every group
// shares live in casbin_rule (changed only through incremental writes, never
// saved whole); who holds which role where is answered by roleManager from
// the membership tables.
type Enforcer struct {
	e   *casbin.SyncedEnforcer
	rm  *roleManager
	log *slog.Logger
	db  *db.DB
	// lockGroup takes a group's team lock (see NewEnforcer).
	lockGroup func(*db.Tenant) error
}

// NewEnforcer loads the shared permissions from d, makes sure this build's
// are present, and answers role links from the membership tables.
// lockGroup takes a group's lock for a team change inside the change's
// transaction (the groups' table is tenancy's: tenancy.LockGroupForTeamChange).
func NewEnforcer(d *db.DB, log *slog.Logger, lockGroup func(*db.Tenant) error) (*Enforcer, error) {
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
	en := &Enforcer{e: e, log: log, db: d, lockGroup: lockGroup}
	en.rm = newRoleManager(en.loadDomain, CacheDomains, CacheTTL)
	e.SetRoleManager(en.rm)
	if err := e.BuildRoleLinks(); err != nil {
		return nil, fmt.Errorf("casbin role links: %w", err)
	}
	if err := en.syncGrants(); err != nil {
		return nil, err
	}
	return en, nil
}

// syncGrants adds missing role permissions and removes ones this build no
// longer grants, one rule at a time. Every rule names domain "*" (or the
// platform): permissions are never copied per group.
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

// enforce asks casbin whether user may do p in domain, remembering the
// answer in the domain's cache entry. The entry is fetched first (loading
// the domain if needed), so what casbin's role links see is at least as
// new as the entry the answer is kept in; an answer made while anything
// was evicted is not kept.
func (en *Enforcer) enforce(user, domain string, p Perm) (bool, error) {
	ent, loaded, err := en.rm.entry(context.Background(), domain)
	if err != nil {
		return false, err
	}
	if loaded || en.rm.stale.Swap(false) {
		en.resetMatcher()
	}
	if allowed, ok := ent.decision(user, p); ok {
		return allowed, nil
	}
	g0 := en.rm.gen.Load()
	allowed, err := en.e.Enforce(userSub(user), domain, p.Obj, p.Act)
	if err != nil {
		return false, err
	}
	if en.rm.gen.Load() == g0 && !en.rm.stale.Load() {
		ent.remember(user, p, allowed)
	}
	return allowed, nil
}

// resetMatcher drops casbin's compiled matcher, which memoises role links
// for as long as it lives; setting the role manager again is casbin's way
// to reset it. gen moves before and after, so no decision made across the
// reset is remembered.
func (en *Enforcer) resetMatcher() {
	en.rm.gen.Add(1)
	en.e.SetRoleManager(en.rm)
	en.rm.gen.Add(1)
}

// Evict forgets what this process knows of one domain's roles ("t:…",
// "r:…" or "platform"); the next check reads them again.
func (en *Enforcer) Evict(domain string) {
	en.rm.evict(domain)
	en.resetMatcher()
}

// EvictAll forgets every cached role.
func (en *Enforcer) EvictAll() {
	en.rm.flush()
	en.resetMatcher()
}

// Maintain resets casbin's matcher memo every CacheTTL until ctx ends, so
// it never holds more than one period's checks.
func (en *Enforcer) Maintain(ctx context.Context) {
	t := time.NewTicker(CacheTTL)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			en.resetMatcher()
		}
	}
}

// CacheStats reports how many domains are cached, and the loads and hits
// since start.
func (en *Enforcer) CacheStats() (domains int, loads, hits uint64) {
	return en.rm.len(), en.rm.loads.Load(), en.rm.hits.Load()
}
