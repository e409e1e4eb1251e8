package identity_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/platform/config"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/testkit"
)

func loginFrom(e *testkit.Env, realIP, email, password string) *testkit.Response {
	req := httptest.NewRequest(http.MethodPost, "/api/v1/auth/login",
		strings.NewReader(`{"email":"`+email+`","password":"`+password+`"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Real-IP", realIP)
	return e.Send(req)
}

// Without a trusted proxy a client cannot pick its own address to escape
// the throttle; behind one, the proxy's header separates clients.
func TestThrottleAddressComesOnlyFromATrustedProxy(t *testing.T) {
	e := testkit.New(t, db.SQLite)
	g := e.SignupGroup("Kelompok Proksi")
	withClock(e) // frozen: the 1 s block must not run out on a slow machine
	for i := range identity.AccountFreeFailures + 1 {
		loginFrom(e, "198.51.100."+string(rune('1'+i)), g.OwnerEmail, "guess guess").Expect(http.StatusUnauthorized)
	}
	loginFrom(e, "203.0.113.9", g.OwnerEmail, testkit.Password).ExpectProblem(http.StatusTooManyRequests, "rate_limited")

	p := testkit.New(t, db.SQLite, func(c *config.Config) { c.TrustedProxies = []string{"0.0.0.0/0", "::/0"} })
	g = p.SignupGroup("Kelompok Proksi Dua")
	withClock(p)
	for range identity.AccountFreeFailures + 1 {
		loginFrom(p, "198.51.100.7", g.OwnerEmail, "guess guess").Expect(http.StatusUnauthorized)
	}
	loginFrom(p, "198.51.100.7", g.OwnerEmail, testkit.Password).ExpectProblem(http.StatusTooManyRequests, "rate_limited")
	loginFrom(p, "203.0.113.9", g.OwnerEmail, testkit.Password).Expect(http.StatusOK)
}
