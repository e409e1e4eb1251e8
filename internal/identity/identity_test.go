package identity_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/peduli/peduli/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

func TestSignupLoginMeLogout(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		e.Logs.Forbid(testkit.Password)
		g := e.SignupGroup("Kelompok Mawar")

		login := e.Do(http.MethodPost, "/api/v1/auth/login", "", map[string]any{
			"email": strings.ToUpper(g.OwnerEmail), "password": testkit.Password,
		}).Expect(http.StatusOK)
		token := testkit.Str(login.Map(), "token")
		if token == "" || token == g.OwnerToken {
			t.Fatalf("login must issue a new token, got %q", token)
		}
		e.Logs.Forbid(token, g.OwnerToken)
		if c := login.Header.Get("Set-Cookie"); !strings.Contains(c, "HttpOnly") || !strings.Contains(c, "SameSite=Lax") {
			t.Errorf("session cookie flags: %q", c)
		}

		me := e.Do(http.MethodGet, "/api/v1/me", token, nil).Expect(http.StatusOK).Map()
		if testkit.Str(me, "user", "email") != g.OwnerEmail {
			t.Errorf("me.user.email = %q", testkit.Str(me, "user", "email"))
		}
		ms := me["memberships"].([]any)
		if len(ms) != 1 || ms[0].(map[string]any)["role"] != "owner" ||
			testkit.Str(ms[0].(map[string]any), "tenant", "slug") != g.Slug {
			t.Errorf("memberships = %v", ms)
		}
		if me["platform_admin"] != false {
			t.Errorf("platform_admin = %v", me["platform_admin"])
		}

		e.Do(http.MethodPost, "/api/v1/auth/logout", token, nil).Expect(http.StatusNoContent)
		e.Do(http.MethodGet, "/api/v1/me", token, nil).ExpectProblem(http.StatusUnauthorized, "unauthenticated")
		// The sign-up session is a different session and still works.
		e.Do(http.MethodGet, "/api/v1/me", g.OwnerToken, nil).Expect(http.StatusOK)
	})
}

func TestLoginRefusesWrongPasswordAndUnknownEmailAlike(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Melati")
		wrong := e.Do(http.MethodPost, "/api/v1/auth/login", "", map[string]any{"email": g.OwnerEmail, "password": "wrong password"}).
			ExpectProblem(http.StatusUnauthorized, "invalid_credentials")
		unknown := e.Do(http.MethodPost, "/api/v1/auth/login", "", map[string]any{"email": "nobody@example.org", "password": "wrong password"}).
			ExpectProblem(http.StatusUnauthorized, "invalid_credentials")
		if wrong["detail"] != unknown["detail"] {
			t.Errorf("unknown email and wrong password must read the same: %v vs %v", wrong["detail"], unknown["detail"])
		}
		e.Do(http.MethodGet, "/api/v1/me", "pds_not-a-real-token", nil).ExpectProblem(http.StatusUnauthorized, "unauthenticated")
		e.Do(http.MethodGet, "/api/v1/me", "", nil).ExpectProblem(http.StatusUnauthorized, "unauthenticated")
	})
}

func TestSessionCookieAuthenticates(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Anggrek")
		req, _ := http.NewRequest(http.MethodGet, "/api/v1/me", nil)
		req.AddCookie(&http.Cookie{Name: "peduli_session", Value: g.OwnerToken})
		if res := e.Send(req); res.Status != http.StatusOK {
			t.Fatalf("cookie auth: status %d", res.Status)
		}
	})
}
