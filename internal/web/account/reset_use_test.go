package account_test

import (
	"net/http"
	"testing"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/testkit"
)

// issueLink has g's owner (or token's holder) make a reset link for userID
// on the team page and returns its token.
func issueLink(t *testing.T, e *testkit.Env, g *testkit.Group, byToken, userID string) string {
	t.Helper()
	team := "/t/" + g.Slug + "/team"
	b := e.BrowserAs(byToken)
	b.Get(team).Expect(http.StatusOK)
	m := resetLink.FindSubmatch(b.Post(team+"/"+userID+"/reset", nil).Expect(http.StatusOK).Body)
	if m == nil {
		t.Fatal("no reset link")
	}
	e.Logs.Forbid(string(m[1]))
	return string(m[1])
}

// expectLinkDead checks that the link neither opens nor sets a password,
// and that her password is unchanged.
func expectLinkDead(t *testing.T, e *testkit.Env, token, email string) {
	t.Helper()
	b := e.Browser()
	b.Get("/password/reset/" + token).Expect(http.StatusNotFound).Contains("Tautan tidak berlaku")
	b.Post("/password/reset/"+token, testkit.Form("password", "sandi si penerbit", "password2", "sandi si penerbit")).
		Expect(http.StatusNotFound)
	e.Do(http.MethodPost, "/api/v1/auth/login", "", map[string]any{"email": email, "password": "sandi si penerbit"}).
		Expect(http.StatusUnauthorized)
}

// TestIssuedResetLinkCheckedWhenUsed: a link issued by a group's owner or
// admin works only while the person still holds a role in that group alone
// (not as its owner unless an owner issued it), and any change to her roles,
// password or email ends it.
func TestIssuedResetLinkCheckedWhenUsed(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Tautan")
		other := e.SignupGroup("Kelompok Sebelah")

		// She accepts an admin role in another group: the old link dies.
		fac := e.AddMember(g, access.Facilitator)
		token := issueLink(t, e, g, g.OwnerToken, fac.UserID)
		inv := e.Do(http.MethodPost, "/api/v1/t/"+other.Slug+"/team", other.OwnerToken,
			map[string]any{"email": fac.Email, "role": "admin"}).Expect(http.StatusCreated).Map()
		e.VerifyEmail(fac.UserID)
		e.Do(http.MethodPost, "/api/v1/invitations/"+testkit.Str(inv, "invitation", "token")+"/accept", "",
			map[string]any{"password": testkit.Password}).Expect(http.StatusCreated)
		expectLinkDead(t, e, token, fac.Email)

		// Promoted to owner in this group: dead.
		fac2 := e.AddMember(g, access.Facilitator)
		token = issueLink(t, e, g, g.OwnerToken, fac2.UserID)
		e.Do(http.MethodPatch, "/api/v1/t/"+g.Slug+"/team/"+fac2.UserID, g.OwnerToken, map[string]any{"role": "owner"}).
			Expect(http.StatusOK)
		expectLinkDead(t, e, token, fac2.Email)

		// A role granted by any other path (here straight through the
		// enforcer, as a replica that missed the change would see it) is
		// caught when the link is used, not only when roles change.
		fac3 := e.AddMember(g, access.Facilitator)
		token = issueLink(t, e, g, g.OwnerToken, fac3.UserID)
		if err := e.App.Access.SetRole(fac3.UserID, other.TenantID, access.Viewer); err != nil {
			t.Fatal(err)
		}
		expectLinkDead(t, e, token, fac3.Email)
		fac4 := e.AddMember(g, access.Facilitator)
		token = issueLink(t, e, g, g.OwnerToken, fac4.UserID)
		if err := e.App.Access.AddCoordinator(fac4.UserID, "53.01"); err != nil {
			t.Fatal(err)
		}
		expectLinkDead(t, e, token, fac4.Email)

		// An admin's link for a facilitator dies when the admin is demoted:
		// a viewer may not issue one.
		admin := e.AddMember(g, access.Admin)
		fac5 := e.AddMember(g, access.Facilitator)
		token = issueLink(t, e, g, admin.Token, fac5.UserID)
		if err := e.App.Access.SetRole(admin.UserID, g.TenantID, access.Viewer); err != nil {
			t.Fatal(err)
		}
		expectLinkDead(t, e, token, fac5.Email)

		// Her own password change or email change ends every open link,
		// the ones she asked for by email included.
		fac6 := e.AddMember(g, access.Facilitator)
		token = issueLink(t, e, g, g.OwnerToken, fac6.UserID)
		e.Do(http.MethodPost, "/api/v1/auth/password", fac6.Token,
			map[string]any{"current_password": testkit.Password, "new_password": "sandi baru milikku"}).
			Expect(http.StatusNoContent)
		expectLinkDead(t, e, token, fac6.Email)
		fac7 := e.AddMember(g, access.Facilitator)
		token = issueLink(t, e, g, g.OwnerToken, fac7.UserID)
		e.Do(http.MethodPost, "/api/v1/auth/email", fac7.Token,
			map[string]any{"current_password": testkit.Password, "email": "baru-" + fac7.Email}).Expect(http.StatusOK)
		expectLinkDead(t, e, token, "baru-"+fac7.Email)

		// Removed from the team: dead.
		fac8 := e.AddMember(g, access.Facilitator)
		token = issueLink(t, e, g, g.OwnerToken, fac8.UserID)
		e.Do(http.MethodDelete, "/api/v1/t/"+g.Slug+"/team/"+fac8.UserID, g.OwnerToken, nil).Expect(http.StatusNoContent)
		expectLinkDead(t, e, token, fac8.Email)

		// A disabled account's links end with her sessions.
		fac10 := e.AddMember(g, access.Facilitator)
		token = issueLink(t, e, g, g.OwnerToken, fac10.UserID)
		e.Do(http.MethodPost, "/api/v1/admin/users/"+fac10.UserID+"/disable", e.PlatformAdmin().Token, nil).
			Expect(http.StatusNoContent)
		expectLinkDead(t, e, token, fac10.Email)

		// Nothing changed: the link still works.
		fac9 := e.AddMember(g, access.Facilitator)
		token = issueLink(t, e, g, g.OwnerToken, fac9.UserID)
		b := e.Browser()
		b.Get("/password/reset/" + token).Expect(http.StatusOK)
		b.Post("/password/reset/"+token, testkit.Form("password", "sandi yang benar", "password2", "sandi yang benar")).
			ExpectRedirect("/login")
	})
}
