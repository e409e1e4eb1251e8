package account_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/peduli/peduli/internal/testkit"
	"github.com/peduli/peduli/internal/web"
)

// nextBypasses are the usual ways of smuggling another origin, or a
// scheme, through a "same-site path" check.
var nextBypasses = []string{
	"", "evil.example", "//evil.example", "///evil.example", `/\evil.example`, `\/evil.example`, `\\evil.example`,
	"/\t/evil.example", "/\n/evil.example", "/\r/evil.example", "/ /evil.example", "\t//evil.example",
	"/%09/evil.example", "/%0a/evil.example", "/%2F/evil.example", "/%2f/evil.example", "/%5C/evil.example",
	"/%5c/evil.example", "%2F%2Fevil.example", "/%252F/evil.example", "/x\x00", "/x\x7f", "/x\u00a0y", "/x\u2028y",
	"https://evil.example", "https:evil.example", "HTTPS://evil.example", "javascript:alert(1)",
	"JavaScript:alert(1)", "data:text/html,x", "/t/%zz", "/\u3000/evil.example",
}

func TestSafeNext(t *testing.T) {
	for _, next := range nextBypasses {
		if web.SafeNext(next) {
			t.Errorf("SafeNext(%q) = true, want false", next)
		}
	}
	for _, next := range []string{"/", "/t/kelompok/team", "/t/kelompok/people?q=sri&page=2", "/t/k/people#x", "/t/kel%C3%A9"} {
		if !web.SafeNext(next) {
			t.Errorf("SafeNext(%q) = false, want true", next)
		}
	}
}

// TestLoginNextStaysOnSite logs in through the real form with each bypass,
// sent both as the login page's query (as a link would) and as the form's
// hidden field: every one lands on the dashboard, or is refused outright
// (422) when it carries a control character, which no field may hold.
func TestLoginNextStaysOnSite(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Arah")
		home := "/t/" + g.Slug
		for _, next := range nextBypasses {
			b := e.Browser()
			page := b.Get("/login?next=" + url.QueryEscape(next))
			if page.Status != http.StatusOK && page.Status != http.StatusUnprocessableEntity {
				t.Errorf("next %q: login page answered %d", next, page.Status)
			}
			page.Lacks("evil.example")
			b.Get("/login").Expect(http.StatusOK)
			res := b.Post("/login", testkit.Form("email", g.OwnerEmail, "password", testkit.Password, "next", next))
			switch {
			case res.Status == http.StatusUnprocessableEntity:
			case res.Status != http.StatusSeeOther || res.Location() != home:
				t.Errorf("next %q: answered %d to %q, want %q", next, res.Status, res.Location(), home)
			}
		}
		// The tab trick exactly as reported, in the raw query of the login
		// link: refused, never followed.
		b := e.Browser()
		b.Get("/login?next=/%09/evil.example").Expect(http.StatusUnprocessableEntity).Lacks("evil.example")
		// A path on the site still works, query included.
		b = e.Browser()
		b.Get("/login")
		b.Post("/login", testkit.Form("email", g.OwnerEmail, "password", testkit.Password, "next", home+"/team?x=1")).
			ExpectRedirect(home + "/team?x=1")
		// The language switch returns only to a path on the site too.
		for _, next := range []string{"//evil.example", "/%2F/evil.example", "/%09/evil.example", `/\evil.example`} {
			b.Get(home).Expect(http.StatusOK)
			if to := b.Post("/lang", testkit.Form("lang", "en", "next", next)).Expect(http.StatusSeeOther).Location(); to != "/" {
				t.Errorf("lang next %q: redirected to %q", next, to)
			}
		}
	})
}
