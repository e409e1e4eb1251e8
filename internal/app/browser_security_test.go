package app_test

import (
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/peduli/peduli/internal/platform/config"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/testkit"
)

func TestSecurityHeadersOnEveryAnswer(t *testing.T) {
	e := testkit.New(t, db.SQLite)
	g := e.SignupGroup("Kelompok Kepala")
	for _, path := range []string{"/api/v1/me", "/api/v1/t/" + g.Slug + "/team", "/healthz", "/api/v1/nowhere"} {
		res := e.Do(http.MethodGet, path, g.OwnerToken, nil)
		h := res.Header
		csp := h.Get("Content-Security-Policy")
		if !strings.Contains(csp, "frame-ancestors 'none'") || !strings.Contains(csp, "script-src 'self'") ||
			strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
			t.Errorf("%s: CSP %q", path, csp)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") == "" {
			t.Errorf("%s: nosniff %q, referrer %q", path, h.Get("X-Content-Type-Options"), h.Get("Referrer-Policy"))
		}
		if h.Get("Strict-Transport-Security") != "" {
			t.Errorf("%s: HSTS over plain HTTP", path)
		}
		if strings.HasPrefix(path, "/api/") && h.Get("Cache-Control") != "no-store" {
			t.Errorf("%s: Cache-Control %q, want no-store", path, h.Get("Cache-Control"))
		}
	}
}

func TestHTTPSDeploymentsGetHSTSAndHostOnlySecureCookies(t *testing.T) {
	e := testkit.New(t, db.SQLite, func(c *config.Config) { c.BaseURL = "https://peduli.test" })
	g := e.SignupGroup("Kelompok Aman")
	res := e.Do(http.MethodPost, "/api/v1/auth/login", "", map[string]any{"email": g.OwnerEmail, "password": testkit.Password}).Expect(http.StatusOK)
	if !strings.HasPrefix(res.Header.Get("Strict-Transport-Security"), "max-age=") {
		t.Errorf("HSTS = %q", res.Header.Get("Strict-Transport-Security"))
	}
	c := res.Header.Get("Set-Cookie")
	for _, want := range []string{"__Host-peduli_session=", "HttpOnly", "Secure", "SameSite=Lax", "path=/"} {
		if !strings.Contains(strings.ToLower(c), strings.ToLower(want)) {
			t.Errorf("session cookie %q lacks %s", c, want)
		}
	}
	if strings.Contains(strings.ToLower(c), "domain=") {
		t.Errorf("a __Host- cookie must not name a domain: %q", c)
	}
}

// TestCrossSiteCookieRequestsAreRefused: a page on another site cannot make
// a signed-in browser change anything; the app's own pages and API clients
// with a Bearer token can.
func TestCrossSiteCookieRequestsAreRefused(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Asal")
		invite := func(headers map[string]string, bearer bool) *testkit.Response {
			req := httptest.NewRequest(http.MethodPost, "/api/v1/t/"+g.Slug+"/team",
				strings.NewReader(`{"email":"`+testkit.Unique("x")+`@example.org","role":"viewer"}`))
			req.Header.Set("Content-Type", "application/json")
			if bearer {
				req.Header.Set("Authorization", "Bearer "+g.OwnerToken)
			} else {
				req.AddCookie(&http.Cookie{Name: "peduli_session", Value: g.OwnerToken})
			}
			for k, v := range headers {
				req.Header.Set(k, v)
			}
			return e.Send(req)
		}
		for name, h := range map[string]map[string]string{
			"Sec-Fetch-Site cross-site": {"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"},
			"Sec-Fetch-Site same-site":  {"Sec-Fetch-Site": "same-site"},
			"foreign Origin only":       {"Origin": "https://evil.example"},
			"null Origin":               {"Origin": "null"},
		} {
			if res := invite(h, false); res.Status != http.StatusForbidden {
				t.Errorf("%s: %d, want 403", name, res.Status)
			} else if res.Map()["code"] != "cross_site" {
				t.Errorf("%s: code %v", name, res.Map()["code"])
			}
		}
		invite(map[string]string{"Sec-Fetch-Site": "same-origin", "Origin": "http://peduli.test"}, false).Expect(http.StatusCreated)
		invite(nil, false).Expect(http.StatusCreated) // no browser metadata: SameSite=Lax still holds
		invite(map[string]string{"Sec-Fetch-Site": "cross-site"}, true).Expect(http.StatusCreated)
		// Reading is not refused.
		req := httptest.NewRequest(http.MethodGet, "/api/v1/me", nil)
		req.AddCookie(&http.Cookie{Name: "peduli_session", Value: g.OwnerToken})
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		if res := e.Send(req); res.Status != http.StatusOK {
			t.Errorf("cross-site GET: %d", res.Status)
		}
	})
}

// TestPersonalPagesAreNeverCached: a workspace page listing beneficiaries
// carries no-store and the security headers.
func TestPersonalPagesAreNeverCached(t *testing.T) {
	e := testkit.New(t, db.SQLite)
	g := e.SignupGroup("Kelompok Halaman")
	req := httptest.NewRequest(http.MethodGet, "/t/"+g.Slug+"/beneficiaries", nil)
	req.AddCookie(&http.Cookie{Name: "peduli_session", Value: g.OwnerToken})
	req.Header.Set("Accept", "text/html")
	res := e.Send(req).Expect(http.StatusOK)
	if res.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("beneficiaries page Cache-Control = %q", res.Header.Get("Cache-Control"))
	}
	if !strings.Contains(res.Header.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
		t.Errorf("page CSP = %q", res.Header.Get("Content-Security-Policy"))
	}
}

// TestInlineStylesAreAllowedByHash: the stylesheets a page inlines are
// allowed by their hash in the page's own CSP, and no other inline style is.
func TestInlineStylesAreAllowedByHash(t *testing.T) {
	e := testkit.New(t, db.SQLite)
	g := e.SignupGroup("Kelompok Gaya")
	for path, b := range map[string]*testkit.Browser{"/login": e.Browser(), "/t/" + g.Slug: e.BrowserAs(g.OwnerToken)} {
		res := b.Get(path).Expect(http.StatusOK)
		csp := res.Header.Get("Content-Security-Policy")
		if strings.Contains(csp, "unsafe-inline") {
			t.Fatalf("%s: CSP %q allows any inline style", path, csp)
		}
		styles := inlineStyle.FindAllSubmatch(res.Body, -1)
		if len(styles) == 0 {
			t.Fatalf("%s inlines no stylesheet", path)
		}
		for _, m := range styles {
			sum := sha256.Sum256(m[1])
			if src := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"; !strings.Contains(csp, src) {
				t.Errorf("%s: inline style of %d bytes (%s) is not in the CSP %q", path, len(m[1]), src, csp)
			}
		}
		if strings.Contains(string(res.Body), `rel="stylesheet"`) && path == "/login" {
			t.Errorf("%s still loads a render-blocking stylesheet", path)
		}
	}
}

var inlineStyle = regexp.MustCompile(`(?s)<style>(.*?)</style>`)
