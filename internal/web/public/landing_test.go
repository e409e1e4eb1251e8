package public_test

import (
	"net/http"
	"testing"

	"github.com/peduli/peduli/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

func TestLanding(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		e.Browser().Get("/").Expect(http.StatusOK).
			Contains("Untuk kelompok di desa", "Untuk donatur", `href="/signup"`, `href="/login"`, "/g/").Lacks("Kelompok Anda")
		en := e.Browser()
		en.AcceptLanguage = "en-GB,en;q=0.8"
		res := en.Get("/").Expect(http.StatusOK).Contains("For village groups", "For donors")
		if res.Header.Get("Content-Language") != "en" {
			t.Fatalf("Content-Language %q", res.Header.Get("Content-Language"))
		}
		g := e.SignupGroup("Kelompok Landing")
		e.BrowserAs(g.OwnerToken).Get("/").Expect(http.StatusOK).Contains("Kelompok Anda", "Kelompok Landing", "/t/"+g.Slug)
	})
}

// TestFaviconAndDescription: browsers' own /favicon.ico request finds the
// icon, and public pages describe themselves for search engines and link
// previews in the visitor's language.
func TestFaviconAndDescription(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		res := e.Browser().Get("/favicon.ico").Expect(http.StatusOK)
		if ct := res.Header.Get("Content-Type"); ct != "image/svg+xml" {
			t.Fatalf("favicon content type %q", ct)
		}
		e.Browser().Get("/").Expect(http.StatusOK).
			Contains(`<meta name="description" content="Peduli membantu kelompok perempuan desa`, `<link rel="icon" href="/static/favicon.`)
		en := e.Browser()
		en.AcceptLanguage = "en"
		en.Get("/login").Expect(http.StatusOK).Contains(`<meta name="description" content="Peduli helps village women's groups`)
		g := e.SignupGroupIn("Kelompok Deskripsi", "53.01.08.2011")
		e.Browser().Get("/g/" + g.Slug).Expect(http.StatusOK).Contains(`<meta name="description" content="Kelompok Deskripsi di `)
	})
}
