package access

import (
	"context"
	"log/slog"
	"math/rand/v2"
	"runtime"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/casbin/casbin/v2"
	"github.com/casbin/casbin/v2/model"
)

// Benchmarks of the role cache and casbin at 10,000 groups × 30 staff. The
// roles come from an in-memory loader shaped like a group's team (1 owner,
// 2 admins, 3 treasurers, facilitators and viewers), so these measure the
// cache and casbin alone; BenchmarkColdLoad* (cold_bench_test.go) measure
// reading one group's team from the databases. Figures and commands are in
// docs/PERFORMANCE.md:
//
//	go test -run '^$' -bench . -benchmem ./internal/access/
const (
	benchGroups = 10000
	benchStaff  = 30
)

// benchTenant and benchUser make ids shaped like the database's (a fresh
// 36-byte string each time, as a scanned row is).
func benchTenant(g int) string  { return "00000000-0000-4000-8000-" + pad(g, 12) }
func benchUser(g, s int) string { return pad(g, 8) + "-" + pad(s, 4) + "-4000-8000-000000000000" }

func pad(n, width int) string {
	b := make([]byte, width)
	for i := width - 1; i >= 0; i-- {
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b)
}

// benchRole is staff member s's role in every bench group.
func benchRole(s int) Role {
	switch {
	case s == 0:
		return Owner
	case s < 3:
		return Admin
	case s < 6:
		return Treasurer
	case s < 20:
		return Facilitator
	default:
		return Viewer
	}
}

// benchLoad builds a group's team as the database would return it.
func benchLoad(_ context.Context, domain string) (map[string]Role, error) {
	id := tenantFromDom(domain)
	g, err := strconv.Atoi(id[len(id)-12:])
	if err != nil {
		return nil, err
	}
	out := make(map[string]Role, benchStaff)
	for s := range benchStaff {
		out[benchUser(g, s)] = benchRole(s)
	}
	return out, nil
}

// cpuPerOp reports, next to the wall time, the CPU time the process spent
// per operation (user and system, garbage collection included): on a
// machine shared with other work the wall time grows with the load, the CPU
// time much less. Call cpuPerOp after b.ResetTimer and reportCPU after the
// loop.
func cpuPerOp(*testing.B) { cpuStart = cpuTime() }

var cpuStart time.Duration

func reportCPU(b *testing.B) {
	b.ReportMetric(float64(cpuTime()-cpuStart)/float64(b.N), "cpu-ns/op")
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// memEnforcer is NewEnforcer without a database: the same model, shared
// permissions and role manager, with load answering role links.
func memEnforcer(tb testing.TB, load loadFunc, size int) *Enforcer {
	tb.Helper()
	m, err := model.NewModelFromString(modelText)
	if err != nil {
		tb.Fatal(err)
	}
	e, err := casbin.NewSyncedEnforcer(m)
	if err != nil {
		tb.Fatal(err)
	}
	en := &Enforcer{e: e, log: slog.New(slog.DiscardHandler)}
	en.rm = newRoleManager(load, size, CacheTTL)
	e.SetRoleManager(en.rm)
	if err := e.BuildRoleLinks(); err != nil {
		tb.Fatal(err)
	}
	for role, perms := range grants {
		for _, p := range perms {
			if _, err := e.AddPolicy(string(role), "*", p.Obj, p.Act); err != nil {
				tb.Fatal(err)
			}
		}
	}
	if _, err := e.AddPolicy(string(PlatformAdmin), platformDomain, "*", "*"); err != nil {
		tb.Fatal(err)
	}
	return en
}

// warm loads every bench group into the cache.
func warm(tb testing.TB, en *Enforcer) {
	tb.Helper()
	for g := range benchGroups {
		if _, _, err := en.rm.entry(context.Background(), tenantDom(benchTenant(g))); err != nil {
			tb.Fatal(err)
		}
	}
	en.resetMatcher()
}

// The permission checked: a facilitator's (staff 10) and a viewer's (staff
// 25) answers differ, so both paths of casbin's matcher run.
var benchPerms = []Perm{PeopleWrite, LedgerApprove, TeamRead}

// BenchmarkCheckUncached: a member of one of 10,000 cached groups, asked
// of casbin with no remembered decision (casbin's matcher over the shared
// permissions, role links answered by the role manager).
func BenchmarkCheckUncached(b *testing.B) {
	en := memEnforcer(b, benchLoad, benchGroups)
	warm(b, en)
	r := rand.New(rand.NewPCG(1, 2))
	const n = 4096
	subs, doms := make([]string, n), make([]string, n)
	for i := range n {
		g, s := r.IntN(benchGroups), r.IntN(benchStaff)
		subs[i], doms[i] = userSub(benchUser(g, s)), tenantDom(benchTenant(g))
	}
	b.ResetTimer()
	cpuPerOp(b)
	for i := 0; i < b.N; i++ {
		p := benchPerms[i%len(benchPerms)]
		if _, err := en.e.Enforce(subs[i%n], doms[i%n], p.Obj, p.Act); err != nil {
			b.Fatal(err)
		}
		if i%1024 == 0 {
			en.resetMatcher() // keep casbin's memo from answering instead
		}
	}
	reportCPU(b)
}

// BenchmarkCheckCached: the same check answered from the group's entry.
func BenchmarkCheckCached(b *testing.B) {
	en := memEnforcer(b, benchLoad, benchGroups)
	warm(b, en)
	const hot = 64
	users, tenants := make([]string, hot), make([]string, hot)
	for g := range hot {
		users[g], tenants[g] = benchUser(g, 10), benchTenant(g)
		for _, p := range benchPerms {
			if _, err := en.Can(benchUser(g, 10), benchTenant(g), p); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ResetTimer()
	cpuPerOp(b)
	for i := 0; i < b.N; i++ {
		g := i % hot
		ok, err := en.Can(users[g], tenants[g], benchPerms[i%len(benchPerms)])
		if err != nil || (benchPerms[i%len(benchPerms)] == LedgerApprove && ok) {
			b.Fatal("wrong answer", ok, err)
		}
	}
	reportCPU(b)
}

// BenchmarkRoleChangeInProcess: what a committed role change costs the
// process that made it on top of its transaction: evicting the group and
// resetting casbin's matcher, then the next check reloading the group and
// asking casbin again.
func BenchmarkRoleChangeInProcess(b *testing.B) {
	en := memEnforcer(b, benchLoad, benchGroups)
	warm(b, en)
	b.ResetTimer()
	cpuPerOp(b)
	for i := 0; i < b.N; i++ {
		g := i % benchGroups
		en.Evict(tenantDom(benchTenant(g)))
		if _, err := en.Can(benchUser(g, 3), benchTenant(g), LedgerApprove); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b)
}

// BenchmarkCacheMemory fills the cache with 10,000 groups × 30 staff and
// reports the heap it holds: the roles alone, then with one remembered
// decision per member (every member checked once).
func BenchmarkCacheMemory(b *testing.B) {
	heap := func() uint64 {
		var m runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	for i := 0; i < b.N; i++ {
		before := heap()
		en := memEnforcer(b, benchLoad, benchGroups)
		warm(b, en)
		roles := heap()
		for g := range benchGroups {
			for s := range benchStaff {
				if _, err := en.Can(benchUser(g, s), benchTenant(g), PeopleRead); err != nil {
					b.Fatal(err)
				}
			}
		}
		en.resetMatcher()
		decisions := heap()
		b.ReportMetric(float64(roles-before)/(1<<20), "MB-roles")
		b.ReportMetric(float64(decisions-before)/(1<<20), "MB-with-decisions")
		b.ReportMetric(float64(en.rm.len()), "groups")
		runtime.KeepAlive(en)
	}
}

// TestRoleCacheEvictsColdestGroups keeps the cache at its size, dropping
// the least recently used group first.
func TestRoleCacheEvictsColdestGroups(t *testing.T) {
	en := memEnforcer(t, benchLoad, 3)
	for g := range 3 {
		if _, err := en.Can(benchUser(g, 0), benchTenant(g), TeamRead); err != nil {
			t.Fatal(err)
		}
	}
	// Group 0 is used again, so group 1 is the coldest when group 3 comes.
	if ok, _ := en.Can(benchUser(0, 0), benchTenant(0), TeamRead); !ok {
		t.Fatal("owner refused")
	}
	if ok, _ := en.Can(benchUser(3, 25), benchTenant(3), PeopleWrite); ok {
		t.Fatal("a viewer may write people")
	}
	if n := en.rm.len(); n != 3 {
		t.Fatalf("%d groups cached, want 3", n)
	}
	for g, want := range map[int]bool{0: true, 1: false, 2: true, 3: true} {
		if got := en.rm.cached(tenantDom(benchTenant(g))) != nil; got != want {
			t.Errorf("group %d cached = %v, want %v", g, got, want)
		}
	}
}

// TestRoleCacheForgetsAfterEvictionOrTTL: a remembered answer lasts until
// the group is evicted (a change announced) or its entry is older than
// CacheTTL (a notice lost), never longer.
func TestRoleCacheForgetsAfterEvictionOrTTL(t *testing.T) {
	role := Viewer
	load := func(_ context.Context, domain string) (map[string]Role, error) {
		return map[string]Role{"u1": role}, nil
	}
	en := memEnforcer(t, load, 10)
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	en.rm.now = func() time.Time { return now }
	tenant := benchTenant(1)
	can := func() bool {
		t.Helper()
		ok, err := en.Can("u1", tenant, PeopleWrite)
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}
	if can() {
		t.Fatal("a viewer may write people")
	}
	role = Facilitator // changed in the database, not yet announced
	if can() {
		t.Fatal("the cached answer was not used")
	}
	en.Evict(tenantDom(tenant))
	if !can() {
		t.Fatal("still refused after the change was announced")
	}
	role = Viewer // changed again; this notice is lost
	now = now.Add(CacheTTL - time.Second)
	if !can() {
		t.Fatal("reloaded before the TTL")
	}
	now = now.Add(2 * time.Second)
	if can() {
		t.Fatal("still allowed after the TTL")
	}
}
