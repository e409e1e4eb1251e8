package registry_test

import (
	"net/http"
	"testing"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/testkit"
)

// Every beneficiary page route: another group's user gets the 404 page, a
// role without the route's permission gets the 403 page, and neither sees
// the person's name.
func TestBeneficiaryRoutesIsolationAndRoles(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		a := e.SignupGroup("Kelompok Rute Daftar")
		members := e.Team(a)
		b := e.SignupGroup("Kelompok Luar Daftar")
		name := testkit.Unique("Maria Rute")
		id := e.CreateBeneficiary(a, a.OwnerToken, map[string]any{"name": name})
		base := "/t/" + a.Slug + "/beneficiaries"
		one := base + "/" + id
		routes := []struct {
			method, path string
			form         []string
			lesser       access.Role
		}{
			{http.MethodGet, base, nil, access.Viewer},
			{http.MethodPost, base + "/search", []string{"q", "mar"}, access.Viewer},
			{http.MethodGet, base + "/new", nil, access.Treasurer},
			{http.MethodPost, base, []string{"name", "X", "consent_services", "on"}, access.Treasurer},
			{http.MethodGet, one, nil, access.Viewer},
			{http.MethodGet, one + "/edit", nil, access.Viewer},
			{http.MethodPost, one, []string{"name", "X"}, access.Treasurer},
			{http.MethodGet, one + "/assess", nil, access.Treasurer},
			{http.MethodPost, one + "/assess", []string{"monthly_income", "1", "dependents", "1"}, access.Viewer},
			{http.MethodGet, one + "/export", nil, access.Viewer},
			{http.MethodGet, one + "/erase", nil, access.Facilitator},
			{http.MethodPost, one + "/erase", nil, access.Treasurer},
		}
		other := e.BrowserAs(b.OwnerToken)
		for _, r := range routes {
			var res *testkit.Response
			if r.method == http.MethodGet {
				res = other.Get(r.path)
			} else {
				other.Get("/t/" + b.Slug + "/team")
				res = other.Post(r.path, testkit.Form(r.form...))
			}
			res.Expect(http.StatusNotFound).Contains("Halaman tidak ditemukan").Lacks(name)
			lb := e.BrowserAs(members[r.lesser].Token)
			if r.method == http.MethodGet {
				res = lb.Get(r.path)
			} else {
				lb.Get("/t/" + a.Slug + "/team")
				res = lb.Post(r.path, testkit.Form(r.form...))
			}
			res.Expect(http.StatusForbidden).Contains("Tidak diizinkan").Lacks(name)
		}
		if n := e.CountRows("beneficiaries", a.TenantID); n != 1 {
			t.Fatalf("%d beneficiaries", n)
		}
		e.BrowserAs(a.OwnerToken).Get(one).Expect(http.StatusOK).Contains(name)
	})
}
