package web_test

import (
	"errors"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/testkit"
	webfs "github.com/peduli/peduli/web"
)

func TestMain(m *testing.M) { testkit.Main(m) }

var assetURL = regexp.MustCompile(`/static/(app|htmx\.min)\.[0-9a-f]{10}\.(css|js)`)

func TestStaticFilesAndCompression(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		page := e.Browser().Get("/signup").Expect(http.StatusOK)
		urls := assetURL.FindAllString(string(page.Body), -1)
		if len(urls) < 2 {
			t.Fatalf("hashed asset URLs on the page: %v", urls)
		}
		for _, u := range urls {
			req := httptest.NewRequest(http.MethodGet, u, nil)
			req.Header.Set("Accept-Encoding", "gzip, br")
			res := e.Send(req).Expect(http.StatusOK)
			if cc := res.Header.Get("Cache-Control"); cc != "public, max-age=31536000, immutable" {
				t.Errorf("%s: Cache-Control %q", u, cc)
			}
			if enc := res.Header.Get("Content-Encoding"); enc == "" {
				t.Errorf("%s: not compressed", u)
			}
		}
		e.Send(httptest.NewRequest(http.MethodGet, "/static/app.css", nil)).Expect(http.StatusNotFound)
		e.Send(httptest.NewRequest(http.MethodGet, "/static/app.0000000000.css", nil)).Expect(http.StatusNotFound)
	})
}

func TestErrorPagesForBrowsers(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		e.Browser().Get("/no-such-page").Expect(http.StatusNotFound).Contains("Halaman tidak ditemukan", `href="/"`)
		en := e.Browser()
		en.AcceptLanguage = "en"
		en.Get("/no-such-page").Expect(http.StatusNotFound).Contains("Page not found")
		// The API keeps answering problem details.
		e.Do(http.MethodGet, "/api/v1/nothing", "", nil).ExpectProblem(http.StatusNotFound, "not_found")
		res := e.Do(http.MethodGet, "/no-such-page", "", nil)
		if !strings.HasPrefix(res.Header.Get("Content-Type"), "application/problem+json") {
			t.Fatalf("non-browser client got %q", res.Header.Get("Content-Type"))
		}
	})
}

func TestPagesAreSmall(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Ringan")
		for _, path := range []string{"/", "/password/forgot", "/signup", "/t/" + g.Slug, "/t/" + g.Slug + "/team"} {
			req := httptest.NewRequest(http.MethodGet, path, nil)
			req.Header.Set("Accept-Encoding", "gzip")
			req.Header.Set("Cookie", "peduli_session="+g.OwnerToken)
			res := e.Send(req).Expect(http.StatusOK)
			if res.Header.Get("Content-Encoding") != "gzip" {
				t.Errorf("%s: not compressed", path)
			}
			if len(res.Body) > 20_000 {
				t.Errorf("%s: %d bytes compressed", path, len(res.Body))
			}
		}
	})
}

func TestServerErrorPage(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		e.App.HTTP.Get("/test-boom", func(c *fiber.Ctx) error { return errors.New("database on fire: SELECT secret") })
		b := e.Browser()
		b.Get("/test-boom").Expect(http.StatusInternalServerError).Contains("Terjadi kesalahan").Lacks("SELECT", "fire")
		b.AcceptLanguage = "en"
		b.Get("/test-boom").Expect(http.StatusInternalServerError).Contains("Something went wrong")
	})
}

// TestOnlyPagesWithHtmxLoadIt: htmx (52 KB, the heaviest script) loads only
// on pages that use hx- attributes, and every such page loads it.
func TestOnlyPagesWithHtmxLoadIt(t *testing.T) {
	err := fs.WalkDir(webfs.FS, "templates/pages", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(webfs.FS, p)
		if err != nil {
			return err
		}
		uses := hxAttribute.Match(b)
		loads := strings.Contains(string(b), `{{define "htmx"}}{{template "htmxscript" .}}{{end}}`)
		if uses != loads {
			t.Errorf("%s: uses hx- attributes %v, loads htmx %v", p, uses, loads)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	e := testkit.New(t, db.SQLite)
	if body := string(e.Browser().Get("/login").Expect(http.StatusOK).Body); strings.Contains(body, "htmx.min") {
		t.Errorf("the login page loads htmx")
	}
	if body := string(e.Browser().Get("/signup").Expect(http.StatusOK).Body); !strings.Contains(body, "htmx.min") {
		t.Errorf("the sign-up page, whose region picker uses htmx, does not load it")
	}
}

var hxAttribute = regexp.MustCompile(`\shx-[a-z]+=`)
