package tenancy_test

import (
	"net/http"
	"testing"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

func TestInviteAcceptRoleFlowAndLastOwner(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Rindu Harapan")
		base := "/api/v1/t/" + g.Slug

		inv := e.Do(http.MethodPost, base+"/team", g.OwnerToken, map[string]any{"email": "Fasil@Example.org", "role": "facilitator"}).
			Expect(http.StatusCreated).Map()["invitation"].(map[string]any)
		if inv["email"] != "fasil@example.org" || inv["role"] != "facilitator" || inv["url"] != "http://peduli.test/invitations/"+inv["token"].(string) {
			t.Fatalf("invitation = %v", inv)
		}
		token := inv["token"].(string)
		e.Logs.Forbid(token)
		acc := e.Do(http.MethodPost, "/api/v1/invitations/"+token+"/accept", "", map[string]any{"name": "Maria Fasilitator", "password": testkit.Password}).
			Expect(http.StatusCreated).Map()
		facil := testkit.Str(acc, "user", "id")
		facilToken := testkit.Str(acc, "token")
		// An invitation works once.
		e.Do(http.MethodPost, "/api/v1/invitations/"+token+"/accept", "", map[string]any{"name": "Again", "password": testkit.Password}).
			ExpectProblem(http.StatusNotFound, "not_found")

		team := e.Do(http.MethodGet, base+"/team", facilToken, nil).Expect(http.StatusOK).Map()["items"].([]any)
		if len(team) != 2 || team[0].(map[string]any)["role"] != "owner" || team[1].(map[string]any)["name"] != "Maria Fasilitator" {
			t.Fatalf("team = %v", team)
		}
		// A facilitator may not change the team.
		e.Do(http.MethodPost, base+"/team", facilToken, map[string]any{"email": "x@example.org", "role": "viewer"}).
			ExpectProblem(http.StatusForbidden, "forbidden")

		// The only owner can neither step down nor leave.
		e.Do(http.MethodPatch, base+"/team/"+g.OwnerID, g.OwnerToken, map[string]any{"role": "admin"}).
			ExpectProblem(http.StatusConflict, "last_owner")
		e.Do(http.MethodDelete, base+"/team/"+g.OwnerID, g.OwnerToken, nil).ExpectProblem(http.StatusConflict, "last_owner")

		// Promote the facilitator to owner; now the first owner may step down.
		e.Do(http.MethodPatch, base+"/team/"+facil, g.OwnerToken, map[string]any{"role": "owner"}).Expect(http.StatusOK)
		e.Do(http.MethodPatch, base+"/team/"+g.OwnerID, facilToken, map[string]any{"role": "viewer"}).Expect(http.StatusOK)
		// As a viewer she can read but not write.
		e.Do(http.MethodGet, base+"/team", g.OwnerToken, nil).Expect(http.StatusOK)
		e.Do(http.MethodDelete, base+"/team/"+facil, g.OwnerToken, nil).ExpectProblem(http.StatusForbidden, "forbidden")
		// The new sole owner cannot leave either.
		e.Do(http.MethodDelete, base+"/team/"+facil, facilToken, nil).ExpectProblem(http.StatusConflict, "last_owner")
		e.Do(http.MethodDelete, base+"/team/"+g.OwnerID, facilToken, nil).Expect(http.StatusNoContent)
		e.Do(http.MethodGet, base, g.OwnerToken, nil).ExpectProblem(http.StatusNotFound, "not_found")
	})
}

func TestAdminCannotGrantOwnership(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Sumber Rejeki")
		admin := e.AddMember(g, access.Admin)
		viewer := e.AddMember(g, access.Viewer)
		base := "/api/v1/t/" + g.Slug
		e.Do(http.MethodPost, base+"/team", admin.Token, map[string]any{"email": "o2@example.org", "role": "owner"}).
			ExpectProblem(http.StatusForbidden, "forbidden")
		e.Do(http.MethodPatch, base+"/team/"+viewer.UserID, admin.Token, map[string]any{"role": "owner"}).
			ExpectProblem(http.StatusForbidden, "forbidden")
		e.Do(http.MethodPatch, base+"/team/"+g.OwnerID, admin.Token, map[string]any{"role": "viewer"}).
			ExpectProblem(http.StatusForbidden, "forbidden")
		e.Do(http.MethodPatch, base+"/team/"+viewer.UserID, admin.Token, map[string]any{"role": "treasurer"}).Expect(http.StatusOK)
	})
}

func TestInviteExistingMemberConflicts(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Sejahtera Bersama")
		m := e.AddMember(g, access.Viewer)
		e.Do(http.MethodPost, "/api/v1/t/"+g.Slug+"/team", g.OwnerToken, map[string]any{"email": m.Email, "role": "admin"}).
			ExpectProblem(http.StatusConflict, "already_member")
	})
}
