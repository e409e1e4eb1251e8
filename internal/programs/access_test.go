package programs_test

import (
	"net/http"
	"testing"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/testkit"
)

// world is a group with one of everything the programs routes touch.
type world struct {
	g                                     *testkit.Group
	team                                  map[access.Role]*testkit.Member
	program, beneficiary, other, activity string
	base                                  string
}

func newWorld(e *testkit.Env, name string) *world {
	g := e.SignupGroup(name)
	w := &world{g: g, team: e.Team(g), base: "/api/v1/t/" + g.Slug}
	w.program = e.CreateProgram(g, g.OwnerToken, map[string]any{"template_key": "olahan-kelor", "starts_on": "2026-01-05"})["id"].(string)
	w.beneficiary = e.CreateBeneficiary(g, g.OwnerToken, nil)
	w.other = e.CreateBeneficiary(g, g.OwnerToken, nil)
	e.Enroll(g, g.OwnerToken, w.program, w.beneficiary)
	w.activity = e.RecordActivity(g, g.OwnerToken, w.program, "other", "2026-01-10")
	return w
}

// route is one programs route with a valid body; fresh makes a path whose
// resource only the current call uses (writes that would conflict).
type routeCase struct {
	method, name string
	path         func(w *world, e *testkit.Env) string
	body         func(w *world, e *testkit.Env) any
	allowed      []access.Role
}

var (
	everyone   = []access.Role{access.Owner, access.Admin, access.Treasurer, access.Facilitator, access.Viewer}
	managers   = []access.Role{access.Owner, access.Admin}
	fieldwork  = []access.Role{access.Owner, access.Admin, access.Facilitator}
	peopleRead = []access.Role{access.Owner, access.Admin, access.Treasurer, access.Facilitator}
)

func programRoutes() []routeCase {
	p := func(suffix string) func(w *world, e *testkit.Env) string {
		return func(w *world, e *testkit.Env) string { return w.base + "/programs/" + w.program + suffix }
	}
	return []routeCase{
		{http.MethodGet, "list programs", func(w *world, e *testkit.Env) string { return w.base + "/programs" }, nil, everyone},
		{http.MethodPost, "create program", func(w *world, e *testkit.Env) string { return w.base + "/programs" },
			func(w *world, e *testkit.Env) any {
				return map[string]any{"template_key": "kebun-gizi", "starts_on": "2026-02-01"}
			}, fieldwork},
		{http.MethodGet, "get program", p(""), nil, everyone},
		{http.MethodPatch, "update program", p(""), func(w *world, e *testkit.Env) any { return map[string]any{"description": "Musim 2026"} }, fieldwork},
		{http.MethodGet, "list enrollments", p("/enrollments"), nil, peopleRead},
		{http.MethodPost, "enroll", p("/enrollments"), func(w *world, e *testkit.Env) any {
			return map[string]any{"beneficiary_id": e.CreateBeneficiary(w.g, w.g.OwnerToken, nil)}
		}, fieldwork},
		{http.MethodDelete, "withdraw", func(w *world, e *testkit.Env) string {
			return w.base + "/enrollments/" + testkit.Str(e.Enroll(w.g, w.g.OwnerToken, w.program, e.CreateBeneficiary(w.g, w.g.OwnerToken, nil)), "id")
		}, nil, fieldwork},
		{http.MethodGet, "list activities", p("/activities"), nil, everyone},
		{http.MethodPost, "record activity", p("/activities"), func(w *world, e *testkit.Env) any {
			return map[string]any{"title": "Rapat", "kind": "other", "held_on": "2026-02-02"}
		}, fieldwork},
		{http.MethodGet, "get activity", func(w *world, e *testkit.Env) string { return w.base + "/activities/" + w.activity }, nil, everyone},
		{http.MethodGet, "get attendance", func(w *world, e *testkit.Env) string { return w.base + "/activities/" + w.activity + "/attendance" }, nil, peopleRead},
		{http.MethodPut, "mark attendance", func(w *world, e *testkit.Env) string { return w.base + "/activities/" + w.activity + "/attendance" },
			func(w *world, e *testkit.Env) any { return map[string]any{"present": []string{w.beneficiary}} }, fieldwork},
		{http.MethodPut, "correct outcome", func(w *world, e *testkit.Env) string { return w.base + "/beneficiaries/" + w.beneficiary + "/outcomes" },
			func(w *world, e *testkit.Env) any {
				return map[string]any{"indicator": "monthly_income", "period": "2026-01", "value": 150000000}
			}, fieldwork},
		{http.MethodPost, "record outcome", func(w *world, e *testkit.Env) string { return w.base + "/beneficiaries/" + w.beneficiary + "/outcomes" },
			func(w *world, e *testkit.Env) any {
				return map[string]any{"indicator": "monthly_income", "period": "2025-06", "value": 150000000}
			}, fieldwork},
		{http.MethodGet, "list outcomes", func(w *world, e *testkit.Env) string { return w.base + "/beneficiaries/" + w.beneficiary + "/outcomes" }, nil, peopleRead},
		{http.MethodGet, "program progress", p("/progress"), nil, peopleRead},
		{http.MethodGet, "progress", func(w *world, e *testkit.Env) string { return w.base + "/beneficiaries/" + w.beneficiary + "/progress" }, nil, peopleRead},
	}
}

// TestProgramRoutesRoles: each role gets exactly what the role table
// (access.grants) allows on
// every programs route, and 403 otherwise.
func TestProgramRoutesRoles(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		w := newWorld(e, "Kelor Sejahtera")
		for _, rc := range programRoutes() {
			allowed := map[access.Role]bool{}
			for _, r := range rc.allowed {
				allowed[r] = true
			}
			for _, role := range access.TenantRoles {
				var body any
				if rc.body != nil {
					body = rc.body(w, e)
				}
				res := e.Do(rc.method, rc.path(w, e), w.team[role].Token, body)
				switch {
				case allowed[role] && (res.Status == http.StatusForbidden || res.Status >= 300 && res.Status != http.StatusConflict):
					t.Errorf("%s as %s: status %d, want success; body %s", rc.name, role, res.Status, res.Body)
				case !allowed[role] && res.Status != http.StatusForbidden:
					t.Errorf("%s as %s: status %d, want 403", rc.name, role, res.Status)
				}
			}
		}
	})
}

// TestProgramRoutesIsolation: another group's owner, using her own group's
// slug and this group's real ids, gets 404 on every route and changes
// nothing; a stranger gets 404 on this group's slug.
func TestProgramRoutesIsolation(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		w := newWorld(e, "Kelor Sejahtera")
		other := e.SignupGroup("Tetangga Jauh")
		stranger := e.Stranger()
		// Paths and bodies first: making them may add rows to this group.
		type call struct {
			name, method, path string
			body               any
		}
		var calls []call
		for _, rc := range programRoutes() {
			if rc.name == "list programs" || rc.name == "create program" {
				continue // no foreign id in the path
			}
			var body any
			if rc.body != nil {
				body = rc.body(w, e)
			}
			calls = append(calls, call{rc.name, rc.method, rc.path(w, e), body})
		}
		before := tableCounts(t, e)
		for _, c := range calls {
			foreign := "/api/v1/t/" + other.Slug + c.path[len(w.base):]
			e.Do(c.method, foreign, other.OwnerToken, c.body).ExpectProblem(http.StatusNotFound, "not_found")
			e.Do(c.method, c.path, stranger.Token, c.body).ExpectProblem(http.StatusNotFound, "not_found")
			e.Do(c.method, c.path, other.OwnerToken, c.body).ExpectProblem(http.StatusNotFound, "not_found")
		}
		// Enrolling another group's beneficiary in one's own program is a 404 too.
		mine := e.CreateProgram(other, other.OwnerToken, map[string]any{"template_key": "olahan-kelor", "starts_on": "2026-01-05"})["id"].(string)
		e.Do(http.MethodPost, "/api/v1/t/"+other.Slug+"/programs/"+mine+"/enrollments", other.OwnerToken,
			map[string]any{"beneficiary_id": w.beneficiary}).ExpectProblem(http.StatusNotFound, "not_found")
		after := tableCounts(t, e)
		for table, n := range before {
			if table != "programs" && table != "beneficiaries" && after[table] != n {
				t.Errorf("%s: %d rows before, %d after foreign calls", table, n, after[table])
			}
		}
	})
}

// tableCounts counts the rows of the programs tables (as the schema owner).
func tableCounts(t *testing.T, e *testkit.Env) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	for _, table := range []string{"programs", "program_enrollments", "program_activities", "activity_attendance", "outcomes", "partners", "beneficiaries"} {
		var n int64
		if err := e.Owner.Global(t.Context()).Table(table).Count(&n).Error; err != nil {
			t.Fatalf("count %s: %v", table, err)
		}
		out[table] = n
	}
	return out
}
