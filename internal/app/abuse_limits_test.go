package app_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/peduli/peduli/internal/platform/config"
	"github.com/peduli/peduli/internal/testkit"
)

// behindProxy serves with the production abuse limits, behind a trusted
// proxy whose X-Real-IP names the client, so a test can speak from many
// addresses.
func behindProxy(c *config.Config) {
	testkit.WithLimits(c)
	c.TrustedProxies = []string{"0.0.0.0/0", "::/0"}
}

// from sends method path with body as JSON from client address ip.
func from(e *testkit.Env, ip, method, path string, body string) *testkit.Response {
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("X-Real-IP", ip)
	return e.Send(req)
}

// expectLimited checks a refusal: 429 rate_limited with a Retry-After of
// at least a second and at most the window.
func expectLimited(t *testing.T, r *testkit.Response, window int) {
	t.Helper()
	r.ExpectProblem(http.StatusTooManyRequests, "rate_limited")
	s, err := strconv.Atoi(r.Header.Get("Retry-After"))
	if err != nil || s < 1 || s > window {
		t.Fatalf("Retry-After = %q, want 1..%d s", r.Header.Get("Retry-After"), window)
	}
}

// countingStripe is stripe-mock behind a proxy that counts Checkout
// Sessions created.
func countingStripe(t testing.TB, sessions *atomic.Int64) string {
	target, err := url.Parse(testkit.StripeMockURL(t))
	if err != nil {
		t.Fatal(err)
	}
	proxy := httputil.NewSingleHostReverseProxy(target)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost && r.URL.Path == "/v1/checkout/sessions" {
			sessions.Add(1)
		}
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

const donorGift = `{"amount":5000000,"currency":"idr","interval":"once","donor":{"name":"Maria Donatur","email":"maria.donatur@example.org"}}`

// TestPublicDonationLimits: one address may start 10 online gifts in ten
// minutes and one group may receive 100 from everyone together; past
// either, 429 rate_limited with Retry-After, and the refused request
// leaves no pending donation and makes no Stripe call. Another address,
// and another group, are unaffected.
func TestPublicDonationLimits(t *testing.T) {
	var sessions atomic.Int64
	testkit.RunWith(t, func(t testing.TB) []func(*config.Config) {
		return []func(*config.Config){testkit.WithStripe(countingStripe(t, &sessions)), behindProxy}
	}, func(t *testing.T, e *testkit.Env) {
		e.Logs.Forbid("maria.donatur@example.org")
		rindu := e.ProvisionedGroup("rindu-sejahtera")
		admin := e.PlatformAdmin()
		other := e.SignupGroup("Kelompok Lain")
		e.VerifyGroup(other)
		e.Do(http.MethodPost, "/api/v1/admin/hosts/yayasan-peduli-nusantara/groups", admin.Token,
			map[string]any{"slug": other.Slug}).Expect(http.StatusOK)
		give := func(ip, slug string) *testkit.Response {
			return from(e, ip, http.MethodPost, "/api/v1/public/groups/"+slug+"/donations", donorGift)
		}
		limits := config.DefaultLimits()
		perAddress, perGroup := limits.DonationsPerAddress.Count, limits.DonationsPerGroup.Count
		window := int(limits.DonationsPerGroup.Window.Seconds())

		// A donor's few tries, and up to the limit, go through.
		for i := range perAddress {
			give("198.51.100.1", rindu.Slug).Expect(http.StatusCreated)
			if i == 2 {
				// the page form shares the counter
				b := e.Browser()
				b.Headers = map[string]string{"X-Real-IP": "198.51.100.1"}
				b.Get("/g/" + rindu.Slug + "/donate").Expect(http.StatusOK)
			}
		}
		pending, calls := e.CountRows("donations", rindu.TenantID), sessions.Load()
		expectLimited(t, give("198.51.100.1", rindu.Slug), window)
		b := e.Browser()
		b.Headers = map[string]string{"X-Real-IP": "198.51.100.1"}
		b.Get("/g/" + rindu.Slug + "/donate").Expect(http.StatusOK)
		res := b.Post("/g/"+rindu.Slug+"/donate", testkit.Form("amount", "50000", "interval", "once",
			"donor.name", "Maria Donatur", "donor.email", "maria.donatur@example.org"))
		if res.Status != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" {
			t.Fatalf("page donation over the limit: %d, Retry-After %q", res.Status, res.Header.Get("Retry-After"))
		}
		if n, c := e.CountRows("donations", rindu.TenantID), sessions.Load(); n != pending || c != calls {
			t.Fatalf("refused gifts wrote %d donations and made %d Stripe calls", n-pending, c-calls)
		}
		give("198.51.100.2", rindu.Slug).Expect(http.StatusCreated)

		// The group's limit: everyone together.
		sent := perAddress + 1 // refusals per address do not count for the group
		for i := 0; sent < perGroup; i++ {
			give(fmt.Sprintf("203.0.113.%d", 1+i/perAddress), rindu.Slug).Expect(http.StatusCreated)
			sent++
		}
		pending, calls = e.CountRows("donations", rindu.TenantID), sessions.Load()
		expectLimited(t, give("192.0.2.77", rindu.Slug), window)
		if n, c := e.CountRows("donations", rindu.TenantID), sessions.Load(); n != pending || c != calls {
			t.Fatalf("a refused gift wrote %d donations and made %d Stripe calls", n-pending, c-calls)
		}
		give("192.0.2.77", other.Slug).Expect(http.StatusCreated)
	})
}

// TestAnonymousAccountLimits: sign-up (10 an hour per address, API and
// page together), password-reset requests (10 an hour per address, 3 an
// hour per email) and invitation previews and accepts (30 per ten minutes
// per address) answer 429 rate_limited with Retry-After past their limit,
// write nothing then, and leave other addresses alone.
func TestAnonymousAccountLimits(t *testing.T) {
	testkit.RunWith(t, func(t testing.TB) []func(*config.Config) {
		return []func(*config.Config){behindProxy}
	}, func(t *testing.T, e *testkit.Env) {
		limits := config.DefaultLimits()
		signup := func(ip string) *testkit.Response {
			slug := testkit.Unique("lim")
			return from(e, ip, http.MethodPost, "/api/v1/signup", `{"group":{"name":"Kelompok `+slug+`","slug":"`+slug+
				`","region_code":"53.01.08.2011"},"owner":{"name":"Ketua","email":"`+slug+`@example.org","password":"`+testkit.Password+`"}}`)
		}
		for i := range limits.SignupsPerAddress.Count {
			if i == 1 {
				// the sign-up page shares the counter
				b := e.Browser()
				b.Headers = map[string]string{"X-Real-IP": "198.51.100.1"}
				b.Get("/signup").Expect(http.StatusOK)
				b.Post("/signup", testkit.Form("group.name", "", "owner.email", "")).Expect(http.StatusUnprocessableEntity)
				// showing a regency's places (no JavaScript) is not an attempt
				for range 3 {
					b.Post("/signup", testkit.Form("step", "region", "regency", "53.01")).Expect(http.StatusOK)
				}
				continue
			}
			signup("198.51.100.1").Expect(http.StatusCreated)
		}
		tenants := e.CountRows("tenants", "")
		expectLimited(t, signup("198.51.100.1"), int(limits.SignupsPerAddress.Window.Seconds()))
		if n := e.CountRows("tenants", ""); n != tenants {
			t.Fatalf("a refused sign-up created %d groups", n-tenants)
		}
		signup("198.51.100.2").Expect(http.StatusCreated)

		// Forgot password: per email, then per address.
		forgot := func(ip, email string) *testkit.Response {
			b := e.Browser()
			b.Headers = map[string]string{"X-Real-IP": ip}
			b.Get("/password/forgot").Expect(http.StatusOK)
			return b.Post("/password/forgot", testkit.Form("email", email))
		}
		for range limits.ResetRequestsPerEmail.Count {
			forgot("198.51.100.10", "ibu.ketua@example.org").ExpectRedirect("/login")
		}
		res := forgot("198.51.100.11", "IBU.KETUA@example.org")
		if res.Status != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" {
			t.Fatalf("4th reset request for one email: %d, Retry-After %q", res.Status, res.Header.Get("Retry-After"))
		}
		forgot("198.51.100.11", "ibu.lain@example.org").ExpectRedirect("/login")
		// that address has made two requests so far
		for i := 2; i < limits.ResetRequestsPerAddress.Count; i++ {
			forgot("198.51.100.11", fmt.Sprintf("orang%d@example.org", i)).ExpectRedirect("/login")
		}
		if res := forgot("198.51.100.11", "orang-terakhir@example.org"); res.Status != http.StatusTooManyRequests {
			t.Fatalf("reset request past the address limit: %d", res.Status)
		}

		// Invitations: guessing tokens from one address stops at the limit.
		token := "pdi_" + strings.Repeat("0", 32) + ".guess"
		for range limits.InvitationsPerAddress.Count {
			from(e, "198.51.100.20", http.MethodPost, "/api/v1/invitations/"+token+"/accept",
				`{"name":"Tamu","password":"`+testkit.Password+`"}`).Expect(http.StatusNotFound)
		}
		expectLimited(t, from(e, "198.51.100.20", http.MethodPost, "/api/v1/invitations/"+token+"/accept",
			`{"name":"Tamu","password":"`+testkit.Password+`"}`), int(limits.InvitationsPerAddress.Window.Seconds()))
		b := e.Browser()
		b.Headers = map[string]string{"X-Real-IP": "198.51.100.20"}
		if res := b.Get("/invitations/" + token); res.Status != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" {
			t.Fatalf("invitation preview past the limit: %d, Retry-After %q", res.Status, res.Header.Get("Retry-After"))
		}
		from(e, "198.51.100.21", http.MethodPost, "/api/v1/invitations/"+token+"/accept",
			`{"name":"Tamu","password":"`+testkit.Password+`"}`).Expect(http.StatusNotFound)
	})
}

// TestLimitsHoldAcrossReplicas: two servers on one database share the
// counters, so spreading requests over replicas gains nothing.
func TestLimitsHoldAcrossReplicas(t *testing.T) {
	for _, d := range testkit.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			a := testkit.New(t, d, behindProxy)
			b := testkit.New(t, d, behindProxy, func(c *config.Config) { c.DataDir = a.App.Config.DataDir })
			limit := config.DefaultLimits().SignupsPerAddress.Count
			signup := func(e *testkit.Env) *testkit.Response {
				slug := testkit.Unique("rep")
				return from(e, "198.51.100.30", http.MethodPost, "/api/v1/signup", `{"group":{"name":"Kelompok `+slug+`","slug":"`+slug+
					`","region_code":"53.01.08.2011"},"owner":{"name":"Ketua","email":"`+slug+`@example.org","password":"`+testkit.Password+`"}}`)
			}
			for i := range limit {
				signup([]*testkit.Env{a, b}[i%2]).Expect(http.StatusCreated)
			}
			expectLimited(t, signup(a), 3600)
			expectLimited(t, signup(b), 3600)
		})
	}
}
