package team_test

import (
	"net/http"
	"testing"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/testkit"
)

// Every team and workspace page route: another group's user gets the 404
// page; a role without the route's permission gets the 403 page. (GET /team
// and GET /settings need only team:read and tenant:read, which every role
// holds, so they have no lesser role.)
func TestTeamRoutesIsolationAndRoles(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		a := e.SignupGroup("Kelompok Rute")
		members := e.Team(a)
		b := e.SignupGroup("Kelompok Luar")
		base := "/t/" + a.Slug
		target := members[access.Viewer].UserID
		inv := e.Do(http.MethodPost, "/api/v1/t/"+a.Slug+"/team", a.OwnerToken,
			map[string]any{"email": testkit.Unique("rute") + "@example.org", "role": "viewer"}).Expect(http.StatusCreated).Map()
		invID := testkit.Str(inv, "invitation", "id")
		routes := []struct {
			method, path string
			form         []string
			lesser       access.Role // "" when every role may
		}{
			{http.MethodGet, base + "/team", nil, ""},
			{http.MethodPost, base + "/team", []string{"email", "rute@example.org", "role", "viewer"}, access.Facilitator},
			{http.MethodPost, base + "/team/" + target + "/role", []string{"role", "treasurer"}, access.Facilitator},
			{http.MethodPost, base + "/team/" + target + "/remove", nil, access.Facilitator},
			{http.MethodPost, base + "/team/" + target + "/reset", nil, access.Facilitator},
			{http.MethodPost, base + "/team/invitations/" + invID + "/revoke", nil, access.Facilitator},
			{http.MethodGet, base + "/audit", nil, access.Treasurer},
			{http.MethodGet, base + "/settings", nil, ""},
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
			res.Expect(http.StatusNotFound).Contains("Halaman tidak ditemukan").Lacks("Kelompok Rute")
			if r.lesser == "" {
				continue
			}
			lb := e.BrowserAs(members[r.lesser].Token)
			if r.method == http.MethodGet {
				res = lb.Get(r.path)
			} else {
				lb.Get(base + "/team")
				res = lb.Post(r.path, testkit.Form(r.form...))
			}
			res.Expect(http.StatusForbidden).Contains("Tidak diizinkan")
		}
		// Nothing changed: the invitation is pending, the viewer is still a
		// viewer, and no one was invited.
		items := e.Do(http.MethodGet, "/api/v1/t/"+a.Slug+"/invitations", a.OwnerToken, nil).Expect(http.StatusOK).Map()["items"].([]any)
		if len(items) != 1 || items[0].(map[string]any)["id"] != invID {
			t.Fatalf("pending invitations = %v", items)
		}
		if role, ok := e.App.Access.RoleIn(target, a.TenantID); !ok || role != access.Viewer {
			t.Fatalf("viewer now %q (member %v)", role, ok)
		}
	})
}
