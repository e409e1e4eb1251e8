package identity_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/testkit"
)

// clock is a settable time for identity.Service.Now.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func withClock(e *testkit.Env) *clock {
	c := &clock{now: time.Now().UTC()}
	e.App.Identity.Now = c.Now
	return c
}

func login(e *testkit.Env, email, password string) *testkit.Response {
	return e.Do(http.MethodPost, "/api/v1/auth/login", "", map[string]any{"email": email, "password": password})
}

func TestSessionsEndWhenIdleAndAtTheAbsoluteLimit(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Waktu")
		c := withClock(e)
		idle, absolute := e.App.Identity.SessionIdle, e.App.Identity.SessionAbsolute

		token := testkit.Str(login(e, g.OwnerEmail, testkit.Password).Expect(http.StatusOK).Map(), "token")
		e.Logs.Forbid(token)
		// Used just within the idle limit, over and over: the session slides…
		for elapsed := time.Duration(0); elapsed+idle-time.Minute < absolute; elapsed += idle - time.Minute {
			c.Add(idle - time.Minute)
			e.Do(http.MethodGet, "/api/v1/me", token, nil).Expect(http.StatusOK)
		}
		// …until the absolute limit ends it however active it is.
		c.Add(idle - time.Minute)
		e.Do(http.MethodGet, "/api/v1/me", token, nil).ExpectProblem(http.StatusUnauthorized, "unauthenticated")

		// A session left alone longer than the idle limit ends.
		other := testkit.Str(login(e, g.OwnerEmail, testkit.Password).Expect(http.StatusOK).Map(), "token")
		c.Add(idle + time.Second)
		e.Do(http.MethodGet, "/api/v1/me", other, nil).ExpectProblem(http.StatusUnauthorized, "unauthenticated")
	})
}

func TestEveryLoginGetsANewToken(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Token")
		seen := map[string]bool{g.OwnerToken: true}
		for range 3 {
			tok := testkit.Str(login(e, g.OwnerEmail, testkit.Password).Expect(http.StatusOK).Map(), "token")
			if seen[tok] {
				t.Fatal("a login reused an earlier token")
			}
			seen[tok] = true
		}
	})
}

func TestPasswordChangeNeedsTheCurrentPasswordAndEndsOtherSessions(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		const next = "kain tenun ikat merah 2026"
		e.Logs.Forbid(testkit.Password, next)
		g := e.SignupGroup("Kelompok Sandi")
		phone := testkit.Str(login(e, g.OwnerEmail, testkit.Password).Expect(http.StatusOK).Map(), "token")

		p := e.Do(http.MethodPost, "/api/v1/auth/password", g.OwnerToken,
			map[string]any{"current_password": "not it at all", "new_password": next}).ExpectProblem(http.StatusUnprocessableEntity, "validation_failed")
		if !strings.Contains(string(mustJSON(p)), "current_password") {
			t.Errorf("wrong current password must name current_password: %v", p)
		}
		p = e.Do(http.MethodPost, "/api/v1/auth/password", g.OwnerToken,
			map[string]any{"current_password": testkit.Password, "new_password": "Password1"}).ExpectProblem(http.StatusUnprocessableEntity, "validation_failed")
		if !strings.Contains(string(mustJSON(p)), "is too common") {
			t.Errorf("a common password must be refused as too common: %v", p)
		}
		// Nothing changed so far: the other session still works.
		e.Do(http.MethodGet, "/api/v1/me", phone, nil).Expect(http.StatusOK)

		e.Do(http.MethodPost, "/api/v1/auth/password", g.OwnerToken,
			map[string]any{"current_password": testkit.Password, "new_password": next}).Expect(http.StatusNoContent)
		e.Do(http.MethodGet, "/api/v1/me", phone, nil).ExpectProblem(http.StatusUnauthorized, "unauthenticated")
		e.Do(http.MethodGet, "/api/v1/me", g.OwnerToken, nil).Expect(http.StatusOK)
		login(e, g.OwnerEmail, testkit.Password).ExpectProblem(http.StatusUnauthorized, "invalid_credentials")
		login(e, g.OwnerEmail, next).Expect(http.StatusOK)
	})
}

func TestEmailChangeNeedsTheCurrentPassword(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Surel")
		other := e.SignupGroup("Kelompok Lain")
		email := testkit.Unique("baru") + "@example.org"
		e.Do(http.MethodPost, "/api/v1/auth/email", g.OwnerToken,
			map[string]any{"current_password": "wrong wrong", "email": email}).ExpectProblem(http.StatusUnprocessableEntity, "validation_failed")
		e.Do(http.MethodPost, "/api/v1/auth/email", g.OwnerToken,
			map[string]any{"current_password": testkit.Password, "email": other.OwnerEmail}).ExpectProblem(http.StatusConflict, "email_taken")
		res := e.Do(http.MethodPost, "/api/v1/auth/email", g.OwnerToken,
			map[string]any{"current_password": testkit.Password, "email": strings.ToUpper(email)}).Expect(http.StatusOK).Map()
		if testkit.Str(res, "user", "email") != email {
			t.Errorf("email after change: %v", res)
		}
		login(e, email, testkit.Password).Expect(http.StatusOK)
		login(e, g.OwnerEmail, testkit.Password).ExpectProblem(http.StatusUnauthorized, "invalid_credentials")
	})
}

func TestDisablingAUserEndsAllHerSessions(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Tutup")
		second := testkit.Str(login(e, g.OwnerEmail, testkit.Password).Expect(http.StatusOK).Map(), "token")
		admin := e.PlatformAdmin()
		path := "/api/v1/admin/users/" + g.OwnerID + "/disable"

		e.Do(http.MethodPost, path, "", nil).ExpectProblem(http.StatusUnauthorized, "unauthenticated")
		e.Do(http.MethodPost, path, e.Stranger().Token, nil).ExpectProblem(http.StatusForbidden, "forbidden")
		e.Do(http.MethodPost, path, g.OwnerToken, nil).ExpectProblem(http.StatusForbidden, "forbidden")
		e.Do(http.MethodPost, "/api/v1/admin/users/"+admin.UserID+"/disable", admin.Token, nil).ExpectProblem(http.StatusConflict, "disable_self")
		e.Do(http.MethodPost, "/api/v1/admin/users/not-an-id/disable", admin.Token, nil).ExpectProblem(http.StatusNotFound, "not_found")

		e.Do(http.MethodPost, path, admin.Token, nil).Expect(http.StatusNoContent)
		for _, tok := range []string{g.OwnerToken, second} {
			e.Do(http.MethodGet, "/api/v1/me", tok, nil).ExpectProblem(http.StatusUnauthorized, "unauthenticated")
		}
		login(e, g.OwnerEmail, testkit.Password).ExpectProblem(http.StatusUnauthorized, "invalid_credentials")
	})
}

func TestLoginThrottleSlowsAttackersWithoutLockingTheVictimOut(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Kunci")
		c := withClock(e)
		ctx := context.Background()
		svc := e.App.Identity
		const attacker, victim = "198.51.100.7", "203.0.113.20"

		for range identity.AccountFreeFailures {
			if _, _, err := svc.LoginFrom(ctx, identity.LoginInput{Email: g.OwnerEmail, Password: "guess guess"}, attacker); !errors.Is(err, identity.ErrBadCredentials) {
				t.Fatalf("free failure: %v", err)
			}
		}
		// The next wrong try is counted and then the address must wait, even
		// with the right password, and the wait doubles with each failure.
		svc.LoginFrom(ctx, identity.LoginInput{Email: g.OwnerEmail, Password: "guess guess"}, attacker)
		_, _, err := svc.LoginFrom(ctx, identity.LoginInput{Email: g.OwnerEmail, Password: testkit.Password}, attacker)
		var th *identity.ThrottledError
		if !errors.As(err, &th) || th.Wait <= 0 || th.Wait > time.Second {
			t.Fatalf("after %d failures: %v, want a wait of up to 1s", identity.AccountFreeFailures+1, err)
		}
		c.Add(2 * time.Second)
		svc.LoginFrom(ctx, identity.LoginInput{Email: g.OwnerEmail, Password: "guess guess"}, attacker)
		_, _, err = svc.LoginFrom(ctx, identity.LoginInput{Email: g.OwnerEmail, Password: testkit.Password}, attacker)
		if !errors.As(err, &th) || th.Wait <= time.Second {
			t.Fatalf("backoff did not grow: %v", err)
		}
		// The victim from her own address is not slowed.
		if _, _, err := svc.LoginFrom(ctx, identity.LoginInput{Email: g.OwnerEmail, Password: testkit.Password}, victim); err != nil {
			t.Fatalf("the victim's own login: %v", err)
		}
		// Once the wait is over the right password works from there too.
		c.Add(MaxWait())
		if _, _, err := svc.LoginFrom(ctx, identity.LoginInput{Email: g.OwnerEmail, Password: testkit.Password}, attacker); err != nil {
			t.Fatalf("after the wait: %v", err)
		}

		// An address spraying many accounts is slowed as a whole.
		sprayer := "192.0.2.99"
		for i := range identity.AddressFreeFailures {
			svc.LoginFrom(ctx, identity.LoginInput{Email: testkit.Unique("nobody") + "@example.org", Password: "guess guess"}, sprayer)
			_ = i
		}
		svc.LoginFrom(ctx, identity.LoginInput{Email: "someone@example.org", Password: "guess guess"}, sprayer)
		if _, _, err := svc.LoginFrom(ctx, identity.LoginInput{Email: g.OwnerEmail, Password: testkit.Password}, sprayer); !errors.As(err, &th) {
			t.Fatalf("a spraying address: %v, want throttled", err)
		}
	})
}

// MaxWait is longer than any block.
func MaxWait() time.Duration { return identity.MaxBlock + time.Second }

func TestThrottledLoginAnswers429WithRetryAfter(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Tunggu")
		withClock(e)
		for range identity.AccountFreeFailures + 1 {
			login(e, g.OwnerEmail, "guess guess").ExpectProblem(http.StatusUnauthorized, "invalid_credentials")
		}
		res := login(e, g.OwnerEmail, testkit.Password)
		res.ExpectProblem(http.StatusTooManyRequests, "rate_limited")
		if ra := res.Header.Get("Retry-After"); ra == "" || ra == "0" {
			t.Errorf("Retry-After = %q", ra)
		}
	})
}

func TestCommonPasswordsAreRefusedAtSignupAndAccept(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		res := e.Do(http.MethodPost, "/api/v1/signup", "", map[string]any{
			"group": map[string]any{"name": "Kelompok Umum", "region_code": "53.01.08.2011"},
			"owner": map[string]any{"name": "Ibu Umum", "email": testkit.Unique("u") + "@example.org", "password": "iloveyou1"},
		}).ExpectProblem(http.StatusUnprocessableEntity, "validation_failed")
		if b := string(mustJSON(res)); !strings.Contains(b, `"field":"owner.password","message":"is too common"`) {
			t.Errorf("sign-up with a common password: %v", res)
		}
		g := e.SignupGroup("Kelompok Undang")
		inv := e.Do(http.MethodPost, "/api/v1/t/"+g.Slug+"/team", g.OwnerToken,
			map[string]any{"email": testkit.Unique("v") + "@example.org", "role": "viewer"}).Expect(http.StatusCreated).Map()
		acc := e.Do(http.MethodPost, "/api/v1/invitations/"+testkit.Str(inv, "invitation", "token")+"/accept", "",
			map[string]any{"name": "Ibu Baru", "password": "Sunshine1"}).ExpectProblem(http.StatusUnprocessableEntity, "validation_failed")
		if !strings.Contains(string(mustJSON(acc)), "is too common") {
			t.Errorf("accept with a common password: %v", acc)
		}
	})
}

func mustJSON(m map[string]any) []byte {
	b, _ := json.Marshal(m)
	return b
}

func TestLogoutEverywhereEndsEverySession(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Keluar")
		phone := testkit.Str(login(e, g.OwnerEmail, testkit.Password).Expect(http.StatusOK).Map(), "token")
		other := e.SignupGroup("Kelompok Tetap")
		e.Do(http.MethodPost, "/api/v1/auth/logout", g.OwnerToken, map[string]any{"everywhere": "yes"}).
			ExpectProblem(http.StatusBadRequest, "malformed_request")
		e.Do(http.MethodPost, "/api/v1/auth/logout", g.OwnerToken, map[string]any{"everywhere": true}).Expect(http.StatusNoContent)
		for _, tok := range []string{g.OwnerToken, phone} {
			e.Do(http.MethodGet, "/api/v1/me", tok, nil).ExpectProblem(http.StatusUnauthorized, "unauthenticated")
		}
		e.Do(http.MethodGet, "/api/v1/me", other.OwnerToken, nil).Expect(http.StatusOK)
	})
}

// TestInvitationAcceptIsNoPasswordOracle: anyone can invite any email to a
// group of her own; accepting as an existing account needs that account's
// password, and guessing it there is throttled like a login.
func TestInvitationAcceptIsNoPasswordOracle(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		victim := e.SignupGroup("Kelompok Korban")
		e.VerifyEmail(victim.OwnerID)
		attacker := e.SignupGroup("Kelompok Penyerang")
		c := withClock(e)
		inv := e.Do(http.MethodPost, "/api/v1/t/"+attacker.Slug+"/team", attacker.OwnerToken,
			map[string]any{"email": victim.OwnerEmail, "role": "viewer"}).Expect(http.StatusCreated).Map()
		path := "/api/v1/invitations/" + testkit.Str(inv, "invitation", "token") + "/accept"
		for range identity.AccountFreeFailures + 1 {
			e.Do(http.MethodPost, path, "", map[string]any{"password": "guess guess"}).
				ExpectProblem(http.StatusUnprocessableEntity, "validation_failed")
		}
		res := e.Do(http.MethodPost, path, "", map[string]any{"password": testkit.Password})
		res.ExpectProblem(http.StatusTooManyRequests, "rate_limited")
		c.Add(identity.MaxBlock + time.Second)
		e.Do(http.MethodPost, path, "", map[string]any{"password": testkit.Password}).Expect(http.StatusCreated)
	})
}
