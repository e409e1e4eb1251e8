package testkit

import (
	"net/http"
	"sort"
	"strings"
	"sync"

	"github.com/peduli/peduli/internal/access"
)

// A SeedFunc makes a fresh record in group g and returns the value of one
// path parameter that names it. parents holds the values already chosen
// for the parameters before it in the same path (e.g. "id" of the program
// when seeding an activity under it), and "slug" is always there.
type SeedFunc func(e *Env, g *Group, parents map[string]string) string

var seeds struct {
	mu sync.Mutex
	m  map[string]SeedFunc
}

// RegisterSeed says how to make a real value for the last path parameter of
// prefix, an OpenAPI path template ending in that parameter, e.g.
//
//	testkit.RegisterSeed("/api/v1/t/{slug}/beneficiaries/{id}", func(e *testkit.Env, g *testkit.Group, _ map[string]string) string { … })
//
// The seed serves every route under the prefix (…/beneficiaries/{id},
// …/beneficiaries/{id}/export, …). The isolation matrix uses seeds to get
// real ids of two tenants and fails for a route whose parameters have none.
// Register seeds from an init function in your own internal/testkit file.
// Each call must create a new record: matrix requests may change or delete it.
func RegisterSeed(prefix string, fn SeedFunc) {
	seeds.mu.Lock()
	defer seeds.mu.Unlock()
	if seeds.m == nil {
		seeds.m = map[string]SeedFunc{}
	}
	seeds.m[prefix] = fn
}

// SeedPrefix is the registry key for parameter param of path template
// path: the template up to and including "{param}".
func SeedPrefix(path, param string) string {
	mark := "{" + param + "}"
	i := strings.Index(path, mark)
	if i < 0 {
		return ""
	}
	return path[:i+len(mark)]
}

// SeedParams fills every path parameter of path for group g with fresh
// records; missing lists the prefixes that have no seed.
func (e *Env) SeedParams(path string, params []string, g *Group) (vals map[string]string, missing []string) {
	e.T.Helper()
	vals = map[string]string{"slug": g.Slug}
	for _, p := range params {
		if p == "slug" {
			continue
		}
		prefix := SeedPrefix(path, p)
		seeds.mu.Lock()
		fn := seeds.m[prefix]
		seeds.mu.Unlock()
		if fn == nil {
			missing = append(missing, prefix)
			continue
		}
		vals[p] = fn(e, g, vals)
	}
	return vals, missing
}

// SeededPrefixes lists the registered prefixes (for messages).
func SeededPrefixes() []string {
	seeds.mu.Lock()
	defer seeds.mu.Unlock()
	out := make([]string, 0, len(seeds.m))
	for k := range seeds.m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// MatrixRegion is the regency the isolation matrix's groups belong to (they
// sign up in one of its villages); its coordinator oversees them.
const MatrixRegion = "53.01"

// OtherRegion is a regency none of the matrix's groups belongs to.
const OtherRegion = "53.02"

// Seeds for the foundation's routes.
func init() {
	RegisterSeed("/api/v1/t/{slug}/team/{user_id}", func(e *Env, g *Group, _ map[string]string) string {
		return e.AddMember(g, access.Facilitator).UserID
	})
	RegisterSeed("/api/v1/invitations/{token}", func(e *Env, g *Group, _ map[string]string) string {
		inv := e.Do(http.MethodPost, "/api/v1/t/"+g.Slug+"/team", g.OwnerToken,
			map[string]any{"email": Unique("seed") + "@example.org", "role": "viewer"}).Expect(http.StatusCreated).Map()
		return Str(inv, "invitation", "token")
	})
	RegisterSeed("/api/v1/t/{slug}/invitations/{id}", func(e *Env, g *Group, _ map[string]string) string {
		inv := e.Do(http.MethodPost, "/api/v1/t/"+g.Slug+"/team", g.OwnerToken,
			map[string]any{"email": Unique("seed") + "@example.org", "role": "viewer"}).Expect(http.StatusCreated).Map()
		return Str(inv, "invitation", "id")
	})
	RegisterSeed("/api/v1/admin/users/{id}", func(e *Env, _ *Group, _ map[string]string) string {
		return e.Stranger().UserID
	})
	region := func(*Env, *Group, map[string]string) string { return MatrixRegion }
	RegisterSeed("/api/v1/regions/{code}", region)
	RegisterSeed("/api/v1/admin/regions/{code}", region)
}
