package team_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

var linkPattern = regexp.MustCompile(`id="share-link" class="copy" type="text" readonly value="([^"]+)"`)

func TestTeamPageInviteAndJoin(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Tim")
		owner := e.BrowserAs(g.OwnerToken)
		team := "/t/" + g.Slug + "/team"
		owner.Get(team).Expect(http.StatusOK).Contains("Tim kelompok", "Ketua Kelompok Tim", "Pemilik", "Ajak anggota tim")
		if cc := owner.Get(team).Header.Get("Cache-Control"); cc != "no-store" {
			t.Fatalf("workspace page Cache-Control %q", cc)
		}

		// Bad input: message next to the field, nothing created.
		owner.Post(team, testkit.Form("email", "bukan email", "role", "facilitator")).
			Expect(http.StatusUnprocessableEntity).Contains("Masukkan alamat email yang benar.", `value="bukan email"`)

		// An invitation: shown once with a WhatsApp link; the token is not logged.
		email := testkit.Unique("pendamping") + "@example.org"
		res := owner.Post(team, testkit.Form("email", email, "role", "facilitator")).Expect(http.StatusOK).
			Contains("Undangan untuk "+email+" sudah siap", "https://wa.me/?text=", "Kirim lewat WhatsApp")
		m := linkPattern.FindSubmatch(res.Body)
		if m == nil {
			t.Fatal("no invitation link on the page")
		}
		link := string(m[1])
		token := link[strings.LastIndex(link, "/")+1:]
		e.Logs.Forbid(token)
		if !strings.HasPrefix(link, "http://peduli.test/invitations/") {
			t.Fatalf("link %q", link)
		}

		// She opens the link (no account yet), chooses name and password, lands in the group.
		her := e.Browser()
		her.Get("/invitations/"+token).Expect(http.StatusOK).
			Contains("Bergabung dengan tim kelompok", "tim Kelompok Tim di Peduli sebagai Pendamping", email, "Nama lengkap")
		e.Browser().Get("/invitations/pdi_bogus").Expect(http.StatusNotFound).Contains("Undangan tidak berlaku")
		her.Post("/invitations/"+token, testkit.Form("name", "Yuliana Tefa", "password", "pendek")).
			Expect(http.StatusUnprocessableEntity).Contains("Kata sandi harus 8–128 karakter")
		her.Post("/invitations/"+token, testkit.Form("name", "Yuliana Tefa", "password", testkit.Password)).
			ExpectRedirect("/t/" + g.Slug)
		her.Get("/t/"+g.Slug).Expect(http.StatusOK).Contains("Anda sudah bergabung dengan tim.", "Pendamping")
		// A facilitator sees the team but no invite form or manage buttons, and the server refuses anyway.
		her.Get(team).Expect(http.StatusOK).Contains("Yuliana Tefa").Lacks("Ajak anggota tim", "Atur")
		her.Post(team, testkit.Form("email", "x@example.org", "role", "viewer")).Expect(http.StatusForbidden).
			Contains("Tidak diizinkan")
		// The link works once.
		e.Browser().Post("/invitations/"+token, testkit.Form("name", "Lain", "password", testkit.Password))
		e.Browser().Get("/invitations/" + token).Expect(http.StatusNotFound).Contains("Undangan tidak berlaku")

		// Someone who already has an account proves it with her password.
		other := e.SignupGroup("Kelompok Tetangga")
		res = owner.Post(team, testkit.Form("email", other.OwnerEmail, "role", "viewer")).Expect(http.StatusOK)
		link = string(linkPattern.FindSubmatch(res.Body)[1])
		token = link[strings.LastIndex(link, "/")+1:]
		e.Logs.Forbid(token)
		nb := e.Browser()
		nb.AcceptLanguage = "en"
		nb.SetCookie("lang", "en") // she chose English; the invitation itself is Indonesian
		nb.Get("/invitations/"+token).Expect(http.StatusOK).Contains("already has a Peduli account", "as Viewer").Lacks("Full name")
		nb.Post("/invitations/"+token, testkit.Form("password", "not her password")).Expect(http.StatusUnprocessableEntity).
			Contains("enter that account's password")
		// Her address must be verified first; then she lands in the group
		// that invited her, not in her own.
		nb.Post("/invitations/"+token, testkit.Form("password", testkit.Password)).Expect(http.StatusUnprocessableEntity).
			Contains("has not confirmed its email address yet")
		e.VerifyEmail(other.OwnerID)
		nb.Post("/invitations/"+token, testkit.Form("password", testkit.Password)).ExpectRedirect("/t/" + g.Slug)
	})
}

func TestTeamPageRolesAndLastOwner(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Peran")
		members := e.Team(g)
		team := "/t/" + g.Slug + "/team"
		owner := e.BrowserAs(g.OwnerToken)
		owner.AcceptLanguage = "en"
		owner.Get(team).Expect(http.StatusOK).Contains("Group team", "Invite a team member", "Facilitator")

		// Change a role, in English.
		owner.Post(team+"/"+members[access.Viewer].UserID+"/role", testkit.Form("role", "treasurer")).ExpectRedirect(team)
		owner.Get(team).Contains("The role has changed.")
		if r, _ := e.App.Access.RoleIn(members[access.Viewer].UserID, g.TenantID); r != access.Treasurer {
			t.Fatalf("role %s", r)
		}
		// The last owner cannot leave: an error message on the team page.
		admin := e.BrowserAs(members[access.Admin].Token)
		admin.Get(team).Contains("Ajak anggota tim")
		admin.Post(team+"/"+g.OwnerID+"/remove", nil).Expect(http.StatusForbidden)
		owner.Get(team)
		owner.Post(team+"/"+members[access.Admin].UserID+"/role", testkit.Form("role", "owner")).ExpectRedirect(team)
		owner.Post(team+"/"+members[access.Admin].UserID+"/role", testkit.Form("role", "admin")).ExpectRedirect(team)
		owner.Get(team)
		// Demote herself as the only owner: refused with a message.
		owner.Post(team+"/"+g.OwnerID+"/role", testkit.Form("role", "admin")).ExpectRedirect(team)
		owner.Get(team).Contains("A group needs at least one owner.")
		// Remove a member.
		owner.Post(team+"/"+members[access.Facilitator].UserID+"/remove", nil).ExpectRedirect(team)
		if _, ok := e.App.Access.RoleIn(members[access.Facilitator].UserID, g.TenantID); ok {
			t.Fatal("still a member")
		}
		// A forged CSRF token is refused and changes nothing.
		owner.Post(team+"/"+members[access.Treasurer].UserID+"/remove", testkit.Form("_csrf", "forged")).
			Expect(http.StatusForbidden).Contains("The form has expired")
		if _, ok := e.App.Access.RoleIn(members[access.Treasurer].UserID, g.TenantID); !ok {
			t.Fatal("removed despite a forged token")
		}
		// Not an id, or not a member: 404 page.
		owner.Get(team)
		owner.Post(team+"/not-an-id/remove", nil).Expect(http.StatusNotFound).Contains("Page not found")
	})
}

func TestTeamPageIsolation(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		a := e.SignupGroup("Kelompok A")
		b := e.SignupGroup("Kelompok B")
		fac := e.AddMember(a, access.Facilitator)
		other := e.BrowserAs(b.OwnerToken)
		for _, path := range []string{"/t/" + a.Slug, "/t/" + a.Slug + "/team", "/t/" + a.Slug + "/audit", "/t/" + a.Slug + "/settings"} {
			other.Get(path).Expect(http.StatusNotFound).Contains("Halaman tidak ditemukan").Lacks("Kelompok A")
		}
		other.Get("/t/" + b.Slug + "/team")
		other.Post("/t/"+a.Slug+"/team/"+fac.UserID+"/remove", nil).Expect(http.StatusNotFound)
		other.Post("/t/"+a.Slug+"/team/"+fac.UserID+"/reset", nil).Expect(http.StatusNotFound)
		if _, ok := e.App.Access.RoleIn(fac.UserID, a.TenantID); !ok {
			t.Fatal("another group's owner removed a member")
		}
		// Not signed in: to the login page, coming back afterwards.
		e.Browser().Get("/t/" + a.Slug + "/team").ExpectRedirect("/login?next=%2Ft%2F" + a.Slug + "%2Fteam")
	})
}

// The team page lists pending invitations with who sent them, and an owner
// revokes one there; its link stops working. Roles that cannot change the
// team do not see the list.
func TestTeamPagePendingInvitationsAndRevoke(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Undangan")
		viewer := e.AddMember(g, access.Viewer)
		email := testkit.Unique("tunggu") + "@example.org"
		inv := e.Do(http.MethodPost, "/api/v1/t/"+g.Slug+"/team", g.OwnerToken,
			map[string]any{"email": email, "role": "treasurer"}).Expect(http.StatusCreated).Map()
		id, token := testkit.Str(inv, "invitation", "id"), testkit.Str(inv, "invitation", "token")
		team := "/t/" + g.Slug + "/team"

		owner := e.BrowserAs(g.OwnerToken)
		owner.Get(team).Expect(http.StatusOK).Contains("Undangan yang belum diterima", email, "Bendahara",
			"diundang oleh Ketua Kelompok Undangan", "berlaku sampai", "Batalkan undangan")
		e.BrowserAs(viewer.Token).Get(team).Expect(http.StatusOK).Lacks(email, "Undangan yang belum diterima")

		owner.Post(team+"/invitations/"+id+"/revoke", nil).ExpectRedirect(team)
		owner.Get(team).Expect(http.StatusOK).Contains("Undangan dibatalkan", "Tidak ada undangan yang menunggu.").Lacks(email)
		e.Browser().Get("/invitations/" + token).Expect(http.StatusNotFound).Contains("Undangan tidak berlaku")
	})
}
