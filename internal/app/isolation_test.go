package app_test

// The isolation matrix: every operation of api/openapi.yaml, called by every
// kind of caller, with real ids of two tenants. A route added to the file is
// covered without touching this test.
//
// How routes are classified (from the OpenAPI file):
//   - security: []                       public: anonymous callers are served
//   - /api/v1/t/{slug}… with x-permission a tenant route guarded by that obj:act
//   - x-access: region                    a coordinator of the region (or of the
//     group's region) only
//   - x-access: platform, or /api/v1/admin/…  platform admins only
//   - anything else                       any signed-in user
//
// A tenant route under /t/{slug} without x-permission or x-access fails.
//
// Real ids come from seeds registered with testkit.RegisterSeed, keyed by the
// path template up to the parameter ("/api/v1/t/{slug}/programs/{id}"); one
// seed serves every route below that prefix. {slug} is the group's own. The
// test FAILS for a route whose parameters have no seed, naming the prefix to
// register: add the seed in your own internal/testkit/<feature>.go init().
//
// Request bodies are the operation's `example` in the file, or one built from
// its schema (testkit.Operation.ExampleBody).
//
// Expectations for a tenant route with permission p:
//  1. tenant B's slug and ids, as each role of A, a stranger and a platform
//     admin: 404; the region's coordinator: 403 or 404; anonymous: 401.
//  2. A's slug with B's ids, as each role of A: 404 if the role has p, else 403.
//  3. A's slug and A's ids: the owner is served (not 401/403/404/405, no 5xx);
//     every other role is served (not 401/403, no 5xx) exactly when
//     casbin grants the role p (Enforcer.RoleMay), and gets 403 otherwise.

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/testkit"
)

// world is everyone the matrix calls as.
type world struct {
	a, b        *testkit.Group
	team        map[access.Role]*testkit.Member
	stranger    *testkit.Member
	admin       *testkit.Member
	coordinator *testkit.Member // of the groups' regency
	elsewhere   *testkit.Member // coordinator of another regency
}

func newWorld(t *testing.T, e *testkit.Env) *world {
	w := &world{a: e.SignupGroup("Kelompok Matriks A"), b: e.SignupGroup("Kelompok Matriks B")}
	w.team = e.Team(w.a)
	w.stranger = e.Stranger()
	w.admin = e.PlatformAdmin()
	w.coordinator, w.elsewhere = e.Stranger(), e.Stranger()
	if err := e.App.Access.AddCoordinator(w.coordinator.UserID, testkit.MatrixRegion); err != nil {
		t.Fatal(err)
	}
	if err := e.App.Access.AddCoordinator(w.elsewhere.UserID, testkit.OtherRegion); err != nil {
		t.Fatal(err)
	}
	return w
}

// rolesOwnerFirst puts the owner first: her request on A's own data must
// reach the handler with a real id (proving the seed), and may delete it.
var rolesOwnerFirst = []access.Role{access.Owner, access.Admin, access.Treasurer, access.Facilitator, access.Viewer}

func TestIsolationMatrix(t *testing.T) {
	spec, err := testkit.LoadSpec()
	if err != nil {
		t.Fatal(err)
	}
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		w := newWorld(t, e)
		for _, op := range spec.Operations() {
			t.Run(op.String(), func(t *testing.T) {
				m := &matrix{e: e.With(t), t: t, op: op, w: w}
				m.run()
			})
		}
	})
}

type matrix struct {
	e  *testkit.Env
	t  testing.TB
	op *testkit.Operation
	w  *world
}

func (m *matrix) run() {
	op := m.op
	perm := op.Extension("x-permission")
	kind := op.Extension("x-access")
	tenantPath := strings.Contains(op.Path, "/t/{slug}")
	switch {
	case op.Public():
		m.public()
	case kind == "platform" || (kind == "" && strings.HasPrefix(op.Path, "/api/v1/admin/")):
		m.platform()
	case kind == "region":
		m.region()
	case tenantPath && perm != "":
		m.tenant(perm)
	case tenantPath:
		m.t.Fatalf("%s is a tenant route without x-permission (or x-access) in api/openapi.yaml", op)
	default:
		m.signedIn()
	}
}

// target fills the path for group g with fresh seeds; ids, when given,
// replace the seeded values (B's ids on A's slug).
func (m *matrix) target(g *testkit.Group, ids map[string]string) (string, map[string]string) {
	m.t.Helper()
	vals, missing := m.e.SeedParams(m.op.Path, m.op.Params(), g)
	if len(missing) > 0 {
		m.t.Fatalf("%s cannot be exercised: no seed for %s — register one with testkit.RegisterSeed "+
			"(see the top of internal/app/isolation_test.go)", m.op, strings.Join(missing, ", "))
	}
	for k, v := range ids {
		if k != "slug" {
			vals[k] = v
		}
	}
	path := m.op.Path
	for k, v := range vals {
		path = strings.ReplaceAll(path, "{"+k+"}", url.PathEscape(v))
	}
	return path + m.op.ExampleQuery(), vals
}

func (m *matrix) send(path, token, who string) int {
	m.t.Helper()
	return m.sendFull(path, token, who).Status
}

func (m *matrix) sendFull(path, token, who string) *testkit.Response {
	m.t.Helper()
	res := m.e.Do(m.op.Method, path, token, m.op.ExampleBody())
	if res.Status >= 500 {
		m.t.Errorf("%s as %s: %d %s", m.op, who, res.Status, short(res.Body))
	}
	return res
}

func (m *matrix) expect(path, token, who string, allowed ...int) {
	m.t.Helper()
	got := m.send(path, token, who)
	if !slices.Contains(allowed, got) {
		m.t.Errorf("%s %s as %s: %d, want %v", m.op.Method, path, who, got, allowed)
	}
}

// served fails unless the caller got past authentication and authorisation.
func (m *matrix) served(path, token, who string, refused ...int) {
	m.t.Helper()
	got := m.send(path, token, who)
	if slices.Contains(append([]int{401, 403}, refused...), got) {
		m.t.Errorf("%s %s as %s: %d, want to be served", m.op.Method, path, who, got)
	}
}

func (m *matrix) tenant(perm string) {
	obj, act, ok := strings.Cut(perm, ":")
	if !ok {
		m.t.Fatalf("%s: x-permission %q is not obj:act", m.op, perm)
	}
	p := access.Perm{Obj: obj, Act: act}
	w := m.w
	bPath, bIDs := m.target(w.b, nil)
	// 1. B's data as anyone from outside B.
	m.expect(bPath, "", "anonymous", 401)
	for _, r := range rolesOwnerFirst {
		m.expect(bPath, w.team[r].Token, "A's "+string(r), 404)
	}
	m.expect(bPath, w.stranger.Token, "a stranger", 404)
	m.expect(bPath, w.admin.Token, "a platform admin", 404)
	// The region's coordinator knows the group exists (it is in her
	// region's list), so she may be told 403 instead.
	m.expect(bPath, w.coordinator.Token, "the region's coordinator", 403, 404)
	// 2. B's ids on A's slug.
	if len(m.op.Params()) > 1 {
		crossed, _ := m.target(w.a, bIDs)
		for _, r := range rolesOwnerFirst {
			want := 403
			if m.e.App.Access.RoleMay(r, p) {
				want = 404
			}
			m.expect(crossed, w.team[r].Token, fmt.Sprintf("A's %s with B's ids", r), want)
		}
	}
	// 3. A's own data.
	aPath, _ := m.target(w.a, nil)
	m.expect(aPath, "", "anonymous", 401)
	for _, r := range rolesOwnerFirst {
		who := "A's " + string(r)
		switch {
		case r == access.Owner:
			m.served(aPath, w.team[r].Token, who, 404, 405)
		case m.e.App.Access.RoleMay(r, p):
			m.served(aPath, w.team[r].Token, who)
		default:
			m.expect(aPath, w.team[r].Token, who, 403)
		}
	}
}

// public routes serve anonymous callers: whatever they answer (a login
// with wrong credentials is a 401 of its own), it is never "sign in first"
// or "your role may not".
func (m *matrix) public() {
	path, _ := m.target(m.w.a, nil)
	res := m.sendFull(path, "", "anonymous")
	if res.Status == 401 || res.Status == 403 {
		var p struct{ Code string }
		res.JSON(&p)
		if p.Code == "unauthenticated" || p.Code == "forbidden" {
			m.t.Errorf("public %s refused an anonymous caller: %d %s", m.op, res.Status, p.Code)
		}
	}
}

func (m *matrix) signedIn() {
	path, _ := m.target(m.w.a, nil)
	m.expect(path, "", "anonymous", 401)
	// A fresh user each time: these routes may end her session.
	m.served(path, m.e.Stranger().Token, "a signed-in user")
}

func (m *matrix) platform() {
	w := m.w
	path, _ := m.target(w.a, nil)
	m.expect(path, "", "anonymous", 401)
	m.expect(path, w.team[access.Owner].Token, "a group owner", 403, 404)
	m.expect(path, w.stranger.Token, "a stranger", 403, 404)
	m.expect(path, w.coordinator.Token, "a coordinator", 403, 404)
	m.served(path, m.e.PlatformAdmin().Token, "a platform admin", 404, 405)
}

func (m *matrix) region() {
	w := m.w
	path, _ := m.target(w.a, nil)
	m.expect(path, "", "anonymous", 401)
	m.expect(path, w.stranger.Token, "a stranger", 403, 404)
	m.expect(path, w.elsewhere.Token, "another region's coordinator", 403, 404)
	for _, r := range rolesOwnerFirst {
		m.expect(path, w.team[r].Token, "A's "+string(r), 403, 404)
	}
	m.served(path, w.coordinator.Token, "the region's coordinator", 404, 405)
}

func short(b []byte) string {
	if len(b) > 300 {
		return string(b[:300]) + "…"
	}
	return string(b)
}
