package account_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/peduli/peduli/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

func TestLoginPage(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Masuk")
		e.Logs.Forbid(testkit.Password)

		b := e.Browser()
		b.Get("/login").Expect(http.StatusOK).Contains("Masuk", `name="email"`, `name="password"`)

		// Wrong password: same page, message, email kept.
		b.Post("/login", testkit.Form("email", g.OwnerEmail, "password", "wrong password!")).
			Expect(http.StatusUnprocessableEntity).Contains("Email atau kata sandi salah.", `value="`+g.OwnerEmail+`"`)
		// Empty fields: per-field messages.
		b.Post("/login", testkit.Form("email", "", "password", "")).
			Expect(http.StatusUnprocessableEntity).Contains("Wajib diisi.")

		// Right password: lands in her group.
		b.Get("/login")
		b.Post("/login", testkit.Form("email", g.OwnerEmail, "password", testkit.Password)).ExpectRedirect("/t/" + g.Slug)
		b.Get("/t/"+g.Slug).Expect(http.StatusOK).Contains("Kelompok Masuk", "Keluar")

		// Logout ends the session.
		b.Post("/logout", nil).ExpectRedirect("/")
		b.Get("/t/" + g.Slug).ExpectRedirect("/login?next=")
	})
}

func TestLoginPageEnglishAndCSRF(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok CSRF")
		b := e.Browser()
		b.AcceptLanguage = "en-US,en;q=0.9"
		b.Get("/login").Expect(http.StatusOK).Contains("Log in", "Forgot your password?")
		// A post without the token is refused, in the visitor's language.
		b.Post("/login", testkit.Form("email", g.OwnerEmail, "password", testkit.Password, "_csrf", "forged")).
			Expect(http.StatusForbidden).Contains("The form has expired")
		e.Browser().Post("/login", testkit.Form("email", g.OwnerEmail, "password", testkit.Password)).
			Expect(http.StatusForbidden)
		// Switching language by the form sets the cookie and returns.
		b.Get("/login")
		b.Post("/lang", testkit.Form("lang", "id", "next", "/login")).ExpectRedirect("/login")
		b.Get("/login").Contains("Lupa kata sandi?")
	})
}

func TestLoginReturnsToThePageAsked(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Kembali")
		b := e.Browser()
		to := b.Get("/t/" + g.Slug + "/team").ExpectRedirect("/login?next=").Location()
		b.Get(to).Expect(http.StatusOK).Contains(`name="next" value="/t/` + g.Slug + `/team"`)
		b.Post("/login", testkit.Form("email", g.OwnerEmail, "password", testkit.Password, "next", "/t/"+g.Slug+"/team")).
			ExpectRedirect("/t/" + g.Slug + "/team")
		// A next that leaves the site is ignored.
		b2 := e.Browser()
		b2.Get("/login?next=//evil.example/")
		b2.Post("/login", testkit.Form("email", g.OwnerEmail, "password", testkit.Password, "next", "//evil.example/")).
			ExpectRedirect("/t/" + g.Slug)
	})
}

// TestCSRFTokenNeverFromQuery: a token in the query string would land in
// access logs, history and Referer, so only the form body or the header
// carries it.
func TestCSRFTokenNeverFromQuery(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Token")
		b := e.Browser()
		b.Get("/login").Expect(http.StatusOK)
		token := b.CSRF()
		if token == "" {
			t.Fatal("no token on the login page")
		}
		creds := testkit.Form("email", g.OwnerEmail, "password", testkit.Password, "_csrf", "")
		creds.Del("_csrf")
		b.PostRaw("/login?_csrf="+url.QueryEscape(token), creds, nil).Expect(http.StatusForbidden)
		// The same token in the body or the header is accepted.
		b.PostRaw("/login", creds, map[string]string{"X-CSRF-Token": token}).ExpectRedirect("/t/" + g.Slug)
		b2 := e.Browser()
		b2.Get("/login")
		b2.Post("/login", testkit.Form("email", g.OwnerEmail, "password", testkit.Password)).ExpectRedirect("/t/" + g.Slug)
		// A multipart body (forms with a file input) carries it too.
		b3 := e.Browser()
		b3.Get("/login")
		b3.PostMultipart("/login", testkit.Form("email", g.OwnerEmail, "password", testkit.Password)).ExpectRedirect("/t/" + g.Slug)
		b4 := e.Browser()
		b4.Get("/login")
		b4.PostMultipart("/login?_csrf="+url.QueryEscape(b4.CSRF()), testkit.Form("email", g.OwnerEmail, "password", testkit.Password, "_csrf", "x")).
			Expect(http.StatusForbidden)
	})
}
