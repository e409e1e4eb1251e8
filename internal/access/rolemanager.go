package access

import (
	"container/list"
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/casbin/casbin/v2/log"
	"github.com/casbin/casbin/v2/rbac"
	"golang.org/x/sync/singleflight"
)

// Bounds of the role cache. A domain is a group ("t:…"), a region ("r:…")
// or the platform; each entry holds who has which role there (a group's
// whole team: 30 staff take about 4 KB) and the decisions already made
// there, per role and permission. At most CacheDomains entries are kept, the coldest evicted
// first; an entry older than CacheTTL is loaded again on its next use, which
// bounds how long a change whose notice was lost can go unseen.
const (
	CacheDomains = 10000
	CacheTTL     = 60 * time.Second
	// maxDecisions caps the decisions remembered per domain, so one
	// domain's entry stays small however many checks it sees.
	maxDecisions = 256
)

// loadFunc reads one domain's role assignments from the database: user id
// to role.
type loadFunc func(ctx context.Context, domain string) (map[string]Role, error)

// roleManager answers casbin's role links (g) from the membership tables
// through a bounded cache: a domain is loaded the first time it is asked
// about, kept in least-recently-used order, and evicted when a change to it
// is announced, when it expires or when colder than CacheDomains others.
// It implements rbac.RoleManager; links are never added through casbin.
type roleManager struct {
	load loadFunc
	size int
	ttl  time.Duration
	now  func() time.Time

	mu    sync.Mutex
	ll    *list.List // of *domainEntry, most recently used first
	items map[string]*list.Element

	// gen changes whenever an entry is replaced or evicted; a decision is
	// remembered only if gen did not change while it was made.
	gen atomic.Uint64
	// stale is set when an entry was (re)loaded where casbin's compiled
	// matcher could not be reset at once (inside an Enforce call).
	stale atomic.Bool

	loading singleflight.Group

	loads, hits atomic.Uint64
}

// domainEntry is one domain's roles and remembered decisions.
type domainEntry struct {
	domain   string
	roles    map[string]Role // user id → role
	loadedAt time.Time

	mu        sync.RWMutex
	decisions map[decisionKey]bool
}

// decisionKey names a decision by role, not by person: casbin's answer for
// a person depends only on her role in the domain (roles do not inherit,
// and permissions are shared by every domain of a kind), so the members of
// one role share it; "" stands for someone without a role there.
type decisionKey struct {
	role     Role
	obj, act string
}

func newRoleManager(load loadFunc, size int, ttl time.Duration) *roleManager {
	return &roleManager{load: load, size: size, ttl: ttl, now: time.Now,
		ll: list.New(), items: make(map[string]*list.Element, size)}
}

// errRoleLinks refuses role links made through casbin: assignments are
// written to the membership tables in the transaction that changes them.
var errRoleLinks = errors.New("access: role links are stored in the membership tables, not in casbin")

// cached returns the live entry for domain, or nil.
func (rm *roleManager) cached(domain string) *domainEntry {
	rm.mu.Lock()
	defer rm.mu.Unlock()
	el, ok := rm.items[domain]
	if !ok {
		return nil
	}
	e := el.Value.(*domainEntry)
	if rm.now().Sub(e.loadedAt) > rm.ttl {
		rm.ll.Remove(el)
		delete(rm.items, domain)
		rm.gen.Add(1)
		return nil
	}
	rm.ll.MoveToFront(el)
	return e
}

// entry returns domain's entry, loading it on first use. Concurrent first
// uses of one domain share a single load.
func (rm *roleManager) entry(ctx context.Context, domain string) (*domainEntry, bool, error) {
	if e := rm.cached(domain); e != nil {
		rm.hits.Add(1)
		return e, false, nil
	}
	v, err, _ := rm.loading.Do(domain, func() (any, error) { return rm.loadEntry(ctx, domain) })
	if err != nil {
		return nil, false, err
	}
	return v.(*domainEntry), true, nil
}

// loadEntry reads domain and keeps it, unless something was evicted
// meanwhile.
func (rm *roleManager) loadEntry(ctx context.Context, domain string) (*domainEntry, error) {
	g0 := rm.gen.Load()
	roles, err := rm.load(ctx, domain)
	if err != nil {
		return nil, err
	}
	rm.loads.Add(1)
	e := &domainEntry{domain: domain, roles: roles, loadedAt: rm.now()}
	rm.mu.Lock()
	defer rm.mu.Unlock()
	if rm.gen.Load() != g0 {
		// Something was evicted while this load ran, perhaps this very
		// domain: use what was read for this answer, but do not keep it.
		return e, nil
	}
	if el, ok := rm.items[domain]; ok {
		rm.ll.Remove(el)
	}
	rm.items[domain] = rm.ll.PushFront(e)
	for rm.ll.Len() > rm.size {
		old := rm.ll.Back()
		rm.ll.Remove(old)
		delete(rm.items, old.Value.(*domainEntry).domain)
	}
	rm.gen.Add(1)
	return e, nil
}

// evict drops one domain's entry; the next check loads it again.
func (rm *roleManager) evict(domain string) {
	rm.mu.Lock()
	if el, ok := rm.items[domain]; ok {
		rm.ll.Remove(el)
		delete(rm.items, domain)
	}
	rm.gen.Add(1)
	rm.mu.Unlock()
}

// flush drops every entry.
func (rm *roleManager) flush() {
	rm.mu.Lock()
	rm.ll.Init()
	rm.items = make(map[string]*list.Element, rm.size)
	rm.gen.Add(1)
	rm.mu.Unlock()
}

// len reports how many domains are cached.
func (rm *roleManager) len() int {
	rm.mu.Lock()
	defer rm.mu.Unlock()
	return rm.ll.Len()
}

func (e *domainEntry) decision(user string, p Perm) (allowed, ok bool) {
	e.mu.RLock()
	allowed, ok = e.decisions[decisionKey{e.roles[user], p.Obj, p.Act}]
	e.mu.RUnlock()
	return allowed, ok
}

func (e *domainEntry) remember(user string, p Perm, allowed bool) {
	e.mu.Lock()
	if e.decisions == nil {
		e.decisions = make(map[decisionKey]bool)
	}
	if len(e.decisions) < maxDecisions {
		e.decisions[decisionKey{e.roles[user], p.Obj, p.Act}] = allowed
	}
	e.mu.Unlock()
}

// --- rbac.RoleManager ---

var _ rbac.RoleManager = (*roleManager)(nil)

// Clear empties the cache (casbin calls it when it rebuilds role links).
func (rm *roleManager) Clear() error { rm.flush(); return nil }

// AddLink refuses: see errRoleLinks.
func (rm *roleManager) AddLink(string, string, ...string) error { return errRoleLinks }

// BuildRelationship refuses: see errRoleLinks.
func (rm *roleManager) BuildRelationship(string, string, ...string) error { return errRoleLinks }

// DeleteLink refuses: see errRoleLinks.
func (rm *roleManager) DeleteLink(string, string, ...string) error { return errRoleLinks }

// linkEntry is the domain's team for casbin's role questions; loading it
// marks the cache stale, as every load on behalf of casbin does.
func (rm *roleManager) linkEntry(domain string) (*domainEntry, error) {
	e, loaded, err := rm.entry(context.Background(), domain)
	if loaded {
		rm.stale.Store(true)
	}
	return e, err
}

// HasLink reports whether name1 (a user subject, "u:…") holds role name2 in
// the domain. A role links to itself; roles do not inherit one another.
func (rm *roleManager) HasLink(name1, name2 string, domain ...string) (bool, error) {
	if name1 == name2 {
		return true, nil
	}
	if len(domain) != 1 || !strings.HasPrefix(name1, "u:") {
		return false, nil
	}
	e, err := rm.linkEntry(domain[0])
	if err != nil {
		return false, err
	}
	return string(e.roles[userFromSub(name1)]) == name2, nil
}

// GetRoles lists the roles name holds in the domain.
func (rm *roleManager) GetRoles(name string, domain ...string) ([]string, error) {
	if len(domain) != 1 {
		return nil, nil
	}
	e, err := rm.linkEntry(domain[0])
	if err != nil {
		return nil, err
	}
	if r, ok := e.roles[userFromSub(name)]; ok {
		return []string{string(r)}, nil
	}
	return nil, nil
}

// GetUsers lists the users holding role name in the domain.
func (rm *roleManager) GetUsers(name string, domain ...string) ([]string, error) {
	if len(domain) != 1 {
		return nil, nil
	}
	e, err := rm.linkEntry(domain[0])
	if err != nil {
		return nil, err
	}
	var out []string
	for u, r := range e.roles {
		if string(r) == name {
			out = append(out, userSub(u))
		}
	}
	return out, nil
}

// GetImplicitRoles equals GetRoles: roles do not inherit.
func (rm *roleManager) GetImplicitRoles(name string, domain ...string) ([]string, error) {
	return rm.GetRoles(name, domain...)
}

// GetImplicitUsers equals GetUsers: roles do not inherit.
func (rm *roleManager) GetImplicitUsers(name string, domain ...string) ([]string, error) {
	return rm.GetUsers(name, domain...)
}

// GetDomains is not answered from the cache (it would need every domain);
// ask the membership tables instead.
func (rm *roleManager) GetDomains(string) ([]string, error) {
	return nil, errors.New("access: a user's domains are read from the membership tables")
}

// GetAllDomains lists the cached domains.
func (rm *roleManager) GetAllDomains() ([]string, error) {
	rm.mu.Lock()
	defer rm.mu.Unlock()
	out := make([]string, 0, len(rm.items))
	for d := range rm.items {
		out = append(out, d)
	}
	return out, nil
}

// PrintRoles prints nothing: role assignments are personal data.
func (rm *roleManager) PrintRoles() error { return nil }

// SetLogger is a no-op.
func (rm *roleManager) SetLogger(log.Logger) {}

// Match compares domains exactly.
func (rm *roleManager) Match(str, pattern string) bool { return str == pattern }

// AddMatchingFunc is a no-op: role names are matched exactly.
func (rm *roleManager) AddMatchingFunc(string, rbac.MatchingFunc) {}

// AddDomainMatchingFunc is a no-op: domains are matched exactly.
func (rm *roleManager) AddDomainMatchingFunc(string, rbac.MatchingFunc) {}

// DeleteDomain evicts the domain's entry.
func (rm *roleManager) DeleteDomain(domain string) error { rm.evict(domain); return nil }
