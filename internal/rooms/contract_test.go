package rooms

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// problemBuilders are the httpx names that make or write an HTTP answer.
var problemBuilders = map[string]bool{"NewProblem": true, "ProblemError": true, "WriteProblem": true, "Malformed": true}

// middleware are the functions outside handler files that rightly work on
// a request: they resolve who is asking and guard routes.
var middleware = map[string]string{
	"internal/identity/authn.go Middleware":           "signs the request's user in",
	"internal/identity/authn.go RequireUser":          "route guard",
	"internal/identity/authn.go UserOf":               "reads the signed-in user off the request",
	"internal/identity/authn.go SessionOf":            "reads the session off the request",
	"internal/tenancy/resolve.go Resolve":             "resolves /t/{slug} to the caller's group",
	"internal/tenancy/resolve.go Require":             "route guard naming the permission",
	"internal/tenancy/resolve.go Can":                 "asks the enforcer for the request's user",
	"internal/tenancy/resolve.go TenantOf":            "reads the resolved group off the request",
	"internal/tenancy/resolve.go RoleOf":              "reads the caller's role off the request",
	"internal/tenancy/resolve.go ScopeOf":             "the request's tenant scope",
	"internal/tenancy/resolve.go ActorOf":             "the request's audit actor",
	"internal/regions/access.go RequireRegion":        "route guard for a region",
	"internal/regions/access.go RegionOf":             "reads the resolved region off the request",
	"internal/identity/authn.go RequirePlatformAdmin": "route guard",
	"internal/identity/authn.go Identify":             "signs the request's user in",
	"internal/regions/access.go CoordinatorGate":      "route guard",
}

// TestServicesBuildNoHTTPAnswers: a feature's services return errors
// (internal/platform/errs) and the handler layer turns them into problem
// details; only handlers (methods of Handlers, or files named for
// handlers) and the middleware above touch the request or build a problem.
func TestServicesBuildNoHTTPAnswers(t *testing.T) {
	fset := token.NewFileSet()
	var bad []string
	seenMiddleware := map[string]bool{}
	checked := 0
	err := filepath.WalkDir(filepath.Join(root, "internal"), func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		base := filepath.Base(rel)
		switch {
		case strings.HasPrefix(rel, "internal/web/"), strings.HasPrefix(rel, "internal/app/"),
			strings.HasPrefix(rel, "internal/platform/"), strings.HasPrefix(rel, "internal/testkit/"),
			strings.Contains(base, "handler"):
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		checked++
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || isHandlersMethod(fn) {
				continue
			}
			key := rel + " " + fn.Name.Name
			if middleware[key] != "" {
				seenMiddleware[key] = true
				continue
			}
			ast.Inspect(fn, func(n ast.Node) bool {
				sel, ok := n.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				if id, ok := sel.X.(*ast.Ident); ok {
					if (id.Name == "httpx" && problemBuilders[sel.Sel.Name]) || (id.Name == "fiber" && sel.Sel.Name == "Ctx") {
						bad = append(bad, fset.Position(sel.Pos()).String()+" "+fn.Name.Name+" uses "+id.Name+"."+sel.Sel.Name)
					}
				}
				return true
			})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 100 {
		t.Fatalf("checked only %d files; the walk is not reading the source", checked)
	}
	sort.Strings(bad)
	for _, b := range bad {
		t.Errorf("%s: a service returns an errs error and the handler answers", b)
	}
	for key := range middleware {
		if !seenMiddleware[key] {
			t.Errorf("middleware entry %q names no function: remove it", key)
		}
	}
}

func isHandlersMethod(fn *ast.FuncDecl) bool {
	if fn.Recv == nil || len(fn.Recv.List) != 1 {
		return false
	}
	return strings.HasSuffix(recvName(fn.Recv.List[0].Type), "Handlers")
}
