package account_test

import (
	"net/http"
	"testing"

	"github.com/peduli/peduli/internal/testkit"
)

// TestInvitationFollowsItsLanguage: the invitation page speaks the
// language of the person who sent it, not the browser's, unless the
// visitor chose a language herself.
func TestInvitationFollowsItsLanguage(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Undangan")
		invite := func(email string) string {
			inv := e.Do(http.MethodPost, "/api/v1/t/"+g.Slug+"/team", g.OwnerToken,
				map[string]any{"email": email, "role": "viewer"}).Expect(http.StatusCreated).Map()
			return "/invitations/" + testkit.Str(inv, "invitation", "token")
		}
		id := invite(testkit.Unique("ina") + "@example.org")
		english := e.Browser()
		english.AcceptLanguage = "en"
		english.Get(id).Expect(http.StatusOK).Contains("Bergabung dengan tim kelompok", `<html lang="id">`)
		// Her own choice on the language switch wins.
		chooser := e.Browser()
		chooser.AcceptLanguage = "en"
		chooser.SetCookie("lang", "en")
		chooser.Get(id).Expect(http.StatusOK).Contains("Join your group's team")

		// The chair switches to English: her next invitation is English.
		owner := e.BrowserAs(g.OwnerToken)
		owner.Get("/t/" + g.Slug + "/settings")
		owner.Post("/lang", testkit.Form("lang", "en", "next", "/t/"+g.Slug+"/settings")).ExpectRedirect("/t/" + g.Slug + "/settings")
		en := invite(testkit.Unique("eng") + "@example.org")
		indonesian := e.Browser()
		indonesian.AcceptLanguage = "id"
		indonesian.Get(en).Expect(http.StatusOK).Contains("Join your group's team", `<html lang="en">`)
	})
}
