package app_test

// The platform admin's pages (/admin…) in the isolation matrix: every such
// page route mounted, with real parameters, called by a visitor (sent to
// log in), a group's owner, a stranger and a region's coordinator (the 403
// page, whatever their CSRF token) and the platform admin (served). A page
// route added under /admin is covered without touching this test; one with
// a parameter the test cannot fill fails it.

import (
	"net/http"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/testkit"
)

// adminCaller is someone who opens the admin pages: her browser, and a page
// she may open first to hold a CSRF token, as her forms would.
type adminCaller struct {
	who   string
	b     *testkit.Browser
	start string
}

func TestAdminPagesIsolation(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		w := newWorld(t, e)
		coordinated := e.Stranger()
		if err := e.App.Access.AddCoordinator(coordinated.UserID, testkit.MatrixRegion); err != nil {
			t.Fatal(err)
		}
		params := map[string]string{"slug": w.a.Slug, "code": testkit.MatrixRegion, "user_id": coordinated.UserID}
		refused := []adminCaller{
			{"a group's owner", e.BrowserAs(w.team["owner"].Token), "/"},
			{"a stranger", e.BrowserAs(w.stranger.Token), "/"},
			{"the region's coordinator", e.BrowserAs(w.coordinator.Token), "/regions/" + testkit.MatrixRegion},
		}
		admin := adminCaller{"a platform admin", e.BrowserAs(w.admin.Token), "/admin"}
		n := 0
		for _, r := range e.App.HTTP.GetRoutes(true) {
			if (r.Method != http.MethodGet && r.Method != http.MethodPost) ||
				(r.Path != "/admin" && !strings.HasPrefix(r.Path, "/admin/")) {
				continue
			}
			path := fiberParam.ReplaceAllStringFunc(r.Path, func(p string) string {
				v, ok := params[strings.Trim(p, ":?")]
				if !ok {
					t.Fatalf("%s %s: no value for %s — add one to params in %s", r.Method, r.Path, p, "isolation_pages_test.go")
				}
				return v
			})
			n++
			t.Run(r.Method+" "+r.Path, func(t *testing.T) {
				checkAdminPage(t, e.With(t), r.Method, path, refused, admin)
			})
		}
		if n < 9 {
			t.Fatalf("only %d admin page routes found", n)
		}
	})
}

// checkAdminPage calls one admin page as everyone.
func checkAdminPage(t testing.TB, e *testkit.Env, method, path string, refused []adminCaller, admin adminCaller) {
	t.Helper()
	send := func(c adminCaller) *testkit.Response {
		if method == http.MethodGet {
			return c.b.Get(path)
		}
		if c.start != "" {
			c.b.Get(c.start)
		}
		return c.b.Post(path, nil)
	}
	if res := send(adminCaller{"a visitor", e.Browser(), ""}); res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Location(), "/login") {
		t.Errorf("%s %s as a visitor: %d %q, want a redirect to /login", method, path, res.Status, res.Location())
	}
	for _, c := range refused {
		res := send(c)
		body := string(res.Body)
		if res.Status != http.StatusForbidden || !strings.Contains(body, "Tidak diizinkan") || strings.Contains(body, "Formulir kedaluwarsa") {
			t.Errorf("%s %s as %s: %d, want the 403 page", method, path, c.who, res.Status)
		}
	}
	res := send(admin)
	if res.Status == http.StatusUnauthorized || res.Status == http.StatusForbidden || res.Status >= 500 ||
		strings.HasPrefix(res.Location(), "/login") {
		t.Errorf("%s %s as %s: %d, want to be served", method, path, admin.who, res.Status)
	}
}

// TestAdminPagesIsolationCatchesALeak runs the page check on an /admin
// page mounted without the platform-admin guard: it must object.
func TestAdminPagesIsolationCatchesALeak(t *testing.T) {
	e := testkit.New(t, db.SQLite)
	p := e.App.Pages
	e.App.HTTP.Get("/leak/admin", p.Errors, p.RequireLogin, func(c *fiber.Ctx) error { return c.SendString("Daftarkan tuan rumah") })
	w := newWorld(t, e)
	refused := []adminCaller{{"a group's owner", e.BrowserAs(w.team["owner"].Token), "/"}, {"a stranger", e.BrowserAs(w.stranger.Token), "/"}}
	rec := &recorder{TB: t}
	checkAdminPage(rec, e, http.MethodGet, "/leak/admin", refused, adminCaller{"a platform admin", e.BrowserAs(w.admin.Token), "/admin"})
	if len(rec.errors) != len(refused) {
		t.Fatalf("the check reported %d failures for a page that serves everyone, want one per refused caller (%d): %q",
			len(rec.errors), len(refused), rec.errors)
	}
}
