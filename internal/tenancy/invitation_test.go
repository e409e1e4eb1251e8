package tenancy_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/testkit"
)

// invite makes an invitation as token and returns its id and token.
func invite(e *testkit.Env, slug, token, email, role string) (string, string) {
	inv := e.Do(http.MethodPost, "/api/v1/t/"+slug+"/team", token, map[string]any{"email": email, "role": role}).
		Expect(http.StatusCreated).Map()
	return testkit.Str(inv, "invitation", "id"), testkit.Str(inv, "invitation", "token")
}

func accept(e *testkit.Env, token string) *testkit.Response {
	return e.Do(http.MethodPost, "/api/v1/invitations/"+token+"/accept", "",
		map[string]any{"name": "Orang Diundang", "password": testkit.Password})
}

// pending lists the pending invitations' ids as token sees them.
func pending(e *testkit.Env, slug, token string) map[string]map[string]any {
	items := e.Do(http.MethodGet, "/api/v1/t/"+slug+"/invitations", token, nil).Expect(http.StatusOK).Map()["items"].([]any)
	out := map[string]map[string]any{}
	for _, it := range items {
		m := it.(map[string]any)
		out[m["id"].(string)] = m
	}
	return out
}

// The sock puppet: an admin invites an address of her own as admin, the
// owner removes her, and she accepts the invitation to come back. Removing
// her revokes what she issued, and accepting checks that the inviter may
// still grant the role, so she stays out.
func TestRemovedAdminsInvitationCannotBringHerBack(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Boneka")
		admin := e.AddMember(g, access.Admin)
		puppet := testkit.Unique("boneka") + "@example.org"
		id, token := invite(e, g.Slug, admin.Token, puppet, "admin")
		inv, ok := pending(e, g.Slug, g.OwnerToken)[id]
		if !ok || inv["role"] != "admin" || inv["email"] != puppet || testkit.Str(inv, "invited_by", "user_id") != admin.UserID ||
			testkit.Str(inv, "invited_by", "name") == "" || inv["expires_at"] == nil {
			t.Fatalf("pending invitation = %v", inv)
		}

		e.Do(http.MethodDelete, "/api/v1/t/"+g.Slug+"/team/"+admin.UserID, g.OwnerToken, nil).Expect(http.StatusNoContent)
		if _, ok := pending(e, g.Slug, g.OwnerToken)[id]; ok {
			t.Fatal("the removed admin's invitation is still pending")
		}
		accept(e, token).ExpectProblem(http.StatusNotFound, "not_found")

		// Even were the revocation undone, accepting checks the inviter.
		if err := e.Owner.Global(context.Background()).Exec(
			"UPDATE invitations SET revoked_at = NULL, revoked_by = NULL WHERE id = ?", id).Error; err != nil {
			t.Fatal(err)
		}
		accept(e, token).ExpectProblem(http.StatusConflict, "invitation_withdrawn")
		for _, m := range e.App.Access.Members(g.TenantID) {
			if m.UserID != g.OwnerID {
				t.Fatalf("the team has %v besides the owner", m)
			}
		}
	})
}

// A demoted admin's pending invitations are revoked with her role, in the
// same change.
func TestDemotionRevokesIssuedInvitations(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Turun")
		admin := e.AddMember(g, access.Admin)
		id, token := invite(e, g.Slug, admin.Token, testkit.Unique("turun")+"@example.org", "viewer")
		ownID, _ := invite(e, g.Slug, g.OwnerToken, testkit.Unique("tetap")+"@example.org", "viewer")
		e.Do(http.MethodPatch, "/api/v1/t/"+g.Slug+"/team/"+admin.UserID, g.OwnerToken, map[string]any{"role": "treasurer"}).
			Expect(http.StatusOK)
		p := pending(e, g.Slug, g.OwnerToken)
		if _, ok := p[id]; ok {
			t.Fatal("the demoted admin's invitation is still pending")
		}
		if _, ok := p[ownID]; !ok {
			t.Fatal("the owner's invitation was revoked too")
		}
		accept(e, token).ExpectProblem(http.StatusNotFound, "not_found")
	})
}

// Owners and admins list and revoke pending invitations; a revoked link no
// longer works; only an owner revokes an invitation to become owner; other
// roles may do neither.
func TestRevokeInvitation(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Batal")
		admin := e.AddMember(g, access.Admin)
		viewer := e.AddMember(g, access.Viewer)
		base := "/api/v1/t/" + g.Slug + "/invitations/"
		id, token := invite(e, g.Slug, g.OwnerToken, testkit.Unique("batal")+"@example.org", "facilitator")
		ownerInv, _ := invite(e, g.Slug, g.OwnerToken, testkit.Unique("pemilik")+"@example.org", "owner")

		e.Do(http.MethodGet, "/api/v1/t/"+g.Slug+"/invitations", viewer.Token, nil).ExpectProblem(http.StatusForbidden, "forbidden")
		e.Do(http.MethodDelete, base+id, viewer.Token, nil).ExpectProblem(http.StatusForbidden, "forbidden")
		e.Do(http.MethodDelete, base+ownerInv, admin.Token, nil).ExpectProblem(http.StatusForbidden, "forbidden")
		e.Do(http.MethodDelete, base+"not-an-id", admin.Token, nil).ExpectProblem(http.StatusNotFound, "not_found")
		if len(pending(e, g.Slug, admin.Token)) != 2 {
			t.Fatal("a refused revocation changed something")
		}

		e.Do(http.MethodDelete, base+id, admin.Token, nil).Expect(http.StatusNoContent)
		e.Do(http.MethodDelete, base+id, admin.Token, nil).ExpectProblem(http.StatusNotFound, "not_found")
		accept(e, token).ExpectProblem(http.StatusNotFound, "not_found")
		p := pending(e, g.Slug, g.OwnerToken)
		if _, ok := p[id]; ok || len(p) != 1 {
			t.Fatalf("pending after revocation = %v", p)
		}
		e.Do(http.MethodDelete, base+ownerInv, g.OwnerToken, nil).Expect(http.StatusNoContent)
	})
}
