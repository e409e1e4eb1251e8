package workspace_test

import (
	"net/http"
	"testing"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

func TestDashboardAndMenuByRole(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Beranda")
		members := e.Team(g)
		home := "/t/" + g.Slug
		e.BrowserAs(g.OwnerToken).Get(home).Expect(http.StatusOK).
			Contains("Kelompok Beranda", "Peran Anda: Pemilik", `href="`+home+`/team"`, `href="`+home+`/audit"`, "Pengaturan")
		v := e.BrowserAs(members[access.Viewer].Token)
		v.AcceptLanguage = "en"
		v.Get(home).Expect(http.StatusOK).Contains("Your role: Viewer", "Team", "Settings").Lacks(`href="` + home + `/audit"`)
	})
}

func TestAuditPage(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Audit")
		members := e.Team(g)
		audit := "/t/" + g.Slug + "/audit"
		e.BrowserAs(g.OwnerToken).Get(audit).Expect(http.StatusOK).
			Contains("Jejak audit", "Ketua Kelompok Audit", "membuat · profil kelompok", "membuat · undangan tim", "(email, role)", "WITA")
		en := e.BrowserAs(members[access.Admin].Token)
		en.AcceptLanguage = "en"
		en.Get(audit).Expect(http.StatusOK).Contains("Audit log", "Who", "created · group profile", "created · team invitation")
		for _, r := range []access.Role{access.Treasurer, access.Facilitator, access.Viewer} {
			e.BrowserAs(members[r].Token).Get(audit).Expect(http.StatusForbidden).Contains("Tidak diizinkan")
		}
		e.BrowserAs(g.OwnerToken).Get(audit + "?cursor=not-an-id").Expect(http.StatusUnprocessableEntity)
	})
}

func TestSettingsLanguageFollowsTheAccount(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Bahasa")
		settings := "/t/" + g.Slug + "/settings"
		b := e.BrowserAs(g.OwnerToken)
		b.Get(settings).Expect(http.StatusOK).Contains("Bahasa tampilan sekarang: Bahasa Indonesia.")
		b.Post("/lang", testkit.Form("lang", "en", "next", settings)).ExpectRedirect(settings)
		b.Get(settings).Expect(http.StatusOK).Contains("Current language: English.")
		// Stored on her account: another phone (no cookie) shows English too,
		// even when that phone's browser prefers Indonesian.
		other := e.BrowserAs(g.OwnerToken)
		other.AcceptLanguage = "id-ID,id"
		other.Get(settings).Contains("Current language: English.")
		var u identity.User
		e.Owner.Global(t.Context()).Where("id = ?", g.OwnerID).Take(&u)
		if u.Locale != "en" {
			t.Fatalf("locale %q", u.Locale)
		}
		// Unknown language: refused; a foreign next: back home instead.
		b.Post("/lang", testkit.Form("lang", "fr", "next", settings)).Expect(http.StatusUnprocessableEntity)
		b.Get(settings)
		b.Post("/lang", testkit.Form("lang", "id", "next", "//evil.example/")).ExpectRedirect("/")
	})
}

func TestSuspendedGroupPage(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Tangguh")
		if err := e.Owner.Global(t.Context()).Exec("UPDATE tenants SET status = 'suspended' WHERE id = ?", g.TenantID).Error; err != nil {
			t.Fatal(err)
		}
		e.BrowserAs(g.OwnerToken).Get("/t/" + g.Slug).Expect(http.StatusForbidden).Contains("Kelompok ditangguhkan")
	})
}
