package funds_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/peduli/peduli/internal/platform/config"
	"github.com/peduli/peduli/internal/testkit"
)

const rindu = "rindu-sejahtera"

// weaving starts Rindu Sejahtera's weaving program and returns its id.
func weaving(e *testkit.Env, g *testkit.Group) string {
	p := e.CreateProgram(g, g.OwnerToken, map[string]any{"template_key": "tenun-ikat", "starts_on": "2026-01-05"})
	return testkit.Str(p, "id")
}

func gift(amount int64, interval string) map[string]any {
	return map[string]any{"amount": amount, "currency": "idr", "interval": interval,
		"donor": map[string]any{"name": "Maria Donatur", "email": "maria.donatur@example.org"}}
}

func TestCheckoutAgainstStripeMock(t *testing.T) {
	testkit.RunStripe(t, func(t *testing.T, e *testkit.Env) {
		e.Logs.Forbid("maria.donatur@example.org", "Maria Donatur")
		g := e.ProvisionedGroup(rindu)
		program := weaving(e, g)
		entries := e.CountRows("ledger_entries", g.TenantID)

		pub := e.Do(http.MethodGet, "/api/v1/public/groups/"+rindu, "", nil).Expect(http.StatusOK).Map()
		if pub["donations_enabled"] != true || pub["verified"] != true {
			t.Fatalf("public group: %v", pub)
		}
		if !strings.Contains(string(e.Do(http.MethodGet, "/api/v1/public/groups/"+rindu, "", nil).Body), program) {
			t.Fatalf("public group does not list the weaving program")
		}

		for _, interval := range []string{"once", "month"} {
			body := gift(5000000, interval)
			body["program_id"] = program
			res := e.Do(http.MethodPost, "/api/v1/public/groups/"+rindu+"/donations", "", body).Expect(http.StatusCreated).Map()
			id, cs := testkit.Str(res, "donation_id"), testkit.Str(res, "checkout_session_id")
			if id == "" || !strings.HasPrefix(cs, "cs_") || testkit.Str(res, "checkout_url") == "" {
				t.Fatalf("%s: checkout answer %v", interval, res)
			}
			var status, session, freq string
			e.Owner.Global(t.Context()).Raw("SELECT status, checkout_session_id, frequency FROM donations WHERE id = ?", id).Row().Scan(&status, &session, &freq)
			if status != "pending" || session != cs || freq != interval {
				t.Fatalf("%s: stored donation %s %s %s", interval, status, session, freq)
			}
		}
		if n := e.CountRows("ledger_entries", g.TenantID) - entries; n != 0 {
			t.Fatalf("a pending gift must not reach the ledger, got %d entries", n)
		}
	})
}

func TestGiftRules(t *testing.T) {
	testkit.RunStripe(t, func(t *testing.T, e *testkit.Env) {
		g := e.ProvisionedGroup(rindu)
		other := e.SignupGroup("Kelompok Lain")
		e.VerifyGroup(other)
		foreign := weaving(e, other)
		path := "/api/v1/public/groups/" + rindu + "/donations"
		before := e.CountRows("donations", g.TenantID)

		cases := []struct {
			name   string
			body   any
			status int
			code   string
		}{
			{"too small", gift(500000, "once"), 422, "validation_failed"},
			{"too large", gift(100_000_000_01, "once"), 422, "validation_failed"},
			{"other currency", map[string]any{"amount": 5000000, "currency": "usd", "donor": map[string]any{"name": "A"}}, 422, "validation_failed"},
			{"bad interval", map[string]any{"amount": 5000000, "currency": "idr", "interval": "year", "anonymous": true}, 422, "validation_failed"},
			{"another group's program", func() map[string]any { b := gift(5000000, "once"); b["program_id"] = foreign; return b }(), 422, "validation_failed"},
			{"broken json", `{"amount":`, 400, "malformed_request"},
			{"wrong type", `{"amount":"lots","currency":"idr"}`, 400, "malformed_request"},
		}
		for _, c := range cases {
			e.Do(http.MethodPost, path, "", c.body).ExpectProblem(c.status, c.code)
		}
		if n := e.CountRows("donations", g.TenantID) - before; n != 0 {
			t.Fatalf("rejected gifts wrote %d donations", n)
		}

		// An unverified group says why and takes no online gift.
		fresh := e.SignupGroup("Kelompok Baru")
		pub := e.Do(http.MethodGet, "/api/v1/public/groups/"+fresh.Slug, "", nil).Expect(http.StatusOK).Map()
		if pub["donations_enabled"] != false || pub["donations_disabled_reason"] != "group_not_verified" {
			t.Fatalf("unverified group: %v", pub)
		}
		p := e.Do(http.MethodPost, "/api/v1/public/groups/"+fresh.Slug+"/donations", "", gift(5000000, "once")).
			ExpectProblem(http.StatusConflict, "donations_disabled")
		if p["reason"] != "group_not_verified" {
			t.Fatalf("reason: %v", p)
		}
		e.Do(http.MethodGet, "/api/v1/public/groups/no-such-group", "", nil).ExpectProblem(404, "not_found")
	})
}

func TestStripeUnreachableKeepsPendingGift(t *testing.T) {
	testkit.RunWith(t, func(testing.TB) []func(*config.Config) {
		return []func(*config.Config){testkit.WithStripe("http://127.0.0.1:1")}
	}, func(t *testing.T, e *testkit.Env) {
		g := e.ProvisionedGroup(rindu)
		e.Do(http.MethodPost, "/api/v1/public/groups/"+rindu+"/donations", "", gift(5000000, "once")).
			ExpectProblem(http.StatusServiceUnavailable, "payment_provider_unavailable")
		var status string
		e.Owner.Global(t.Context()).Raw("SELECT status FROM donations WHERE tenant_id = ? ORDER BY id DESC LIMIT 1", g.TenantID).Row().Scan(&status)
		if status != "pending" {
			t.Fatalf("the donation must stay recorded as pending, got %q", status)
		}
	})
}
