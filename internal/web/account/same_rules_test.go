package account_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/peduli/peduli/internal/testkit"
)

// TestSignupPageAndAPIRefuseTheSame: the sign-up form and the API refuse
// the same bad input on the same fields, the password rule with the others
// in one answer, because the service's rules decide both.
func TestSignupPageAndAPIRefuseTheSame(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		b := e.Browser()
		b.Get("/signup").Expect(http.StatusOK)
		page := b.Post("/signup", testkit.Form("group.name", "KT", "regency", "53.01", "group.region_code", "",
			"owner.name", "", "owner.email", "bukan-email", "owner.password", "pendek"))
		page.Contains("Kata sandi harus 8–128 karakter", `value="KT"`)
		res := e.Do(http.MethodPost, "/api/v1/signup", "", map[string]any{
			"group": map[string]any{"name": "KT", "region_code": ""},
			"owner": map[string]any{"name": "", "email": "bukan-email", "password": "pendek"}})
		testkit.SameRefusal(t, page, res, "group.name", "group.region_code", "owner.name", "owner.email", "owner.password")
	})
}

// TestLoginPageAndAPIRefuseTheSame: the sign-in form and the API take
// their rules from the identity service: blank fields are named, and an
// over-long email is a field error on both (the form used to send it on
// and answer "wrong email or password").
func TestLoginPageAndAPIRefuseTheSame(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		b := e.Browser()
		b.Get("/login").Expect(http.StatusOK)
		page := b.Post("/login", testkit.Form("email", "", "password", ""))
		res := e.Do(http.MethodPost, "/api/v1/auth/login", "", map[string]any{"email": "", "password": ""})
		testkit.SameRefusal(t, page, res, "email", "password")

		long := strings.Repeat("a", 250) + "@example.org"
		b.Get("/login").Expect(http.StatusOK)
		page = b.Post("/login", testkit.Form("email", long, "password", "rahasia-sekali"))
		res = e.Do(http.MethodPost, "/api/v1/auth/login", "", map[string]any{"email": long, "password": "rahasia-sekali"})
		testkit.SameRefusal(t, page, res, "email")
	})
}
