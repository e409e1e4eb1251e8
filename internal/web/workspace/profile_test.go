package workspace_test

import (
	"net/http"
	"testing"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/testkit"
)

// TestVerificationNoteReachesTheGroup: what a coordinator asked shows on
// the group's dashboard and settings; the chair edits the profile and asks
// for review again, and the group is back awaiting verification.
func TestVerificationNoteReachesTheGroup(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroupIn("Kelompok Noelbaki", "53.01.08.2011")
		members := e.Team(g)
		co := e.Coordinator("53.01")
		home, settings := "/t/"+g.Slug, "/t/"+g.Slug+"/settings"
		owner := e.BrowserAs(g.OwnerToken)
		owner.Get(home).Expect(http.StatusOK).Contains("Menunggu verifikasi")

		coord := e.BrowserAs(co.Token)
		card := "/regions/53.01/groups/" + g.Slug
		coord.Get(card)
		coord.Post(card+"/verification", testkit.Form("decision", "request_changes", "note", "Tambahkan cerita kelompok dan nomor WhatsApp.")).
			ExpectRedirect(card)

		owner.Get(home).Expect(http.StatusOK).Contains("Perlu perbaikan", "Tambahkan cerita kelompok dan nomor WhatsApp.", settings+"#verification")
		owner.Get(settings).Expect(http.StatusOK).Contains("Perlu perbaikan", "Tambahkan cerita kelompok dan nomor WhatsApp.", "Minta ditinjau lagi", "Simpan profil")
		en := e.BrowserAs(g.OwnerToken)
		en.AcceptLanguage = "en"
		en.Get(home).Expect(http.StatusOK).Contains("Changes requested", "the coordinator asked for changes")
		en.Get(settings).Expect(http.StatusOK).Contains("Ask for review again", "The group's story (English)")
		// A viewer sees what was asked but cannot answer.
		viewer := e.BrowserAs(members[access.Viewer].Token)
		viewer.Get(settings).Expect(http.StatusOK).Contains("Tambahkan cerita kelompok dan nomor WhatsApp.").Lacks("Minta ditinjau lagi", "Simpan profil")

		// A wrong WhatsApp number keeps what was typed.
		owner.Get(settings)
		owner.Post(settings+"/profile", testkit.Form("story", "Kami menenun bersama sejak 2019.", "contact_whatsapp", "12345")).
			Expect(http.StatusUnprocessableEntity).Contains("Kami menenun bersama sejak 2019.", "Tulis nomor HP Indonesia", `aria-invalid="true"`)
		owner.Get(settings)
		owner.Post(settings+"/profile", testkit.Form("story", "Kami menenun bersama sejak 2019.", "story_en", "We have woven together since 2019.",
			"work", "Tenun ikat dan simpan pinjam", "meeting_place", "Balai Desa Noelbaki", "contact_whatsapp", "0812-3456-7890")).
			ExpectRedirect(settings)
		owner.Get(settings).Expect(http.StatusOK).Contains("Profil kelompok tersimpan.", "Kami menenun bersama sejak 2019.",
			"We have woven together since 2019.", "Balai Desa Noelbaki", `value="6281234567890"`)

		// Asking for review again puts the group back in the coordinator's queue.
		owner.Post(settings+"/review", testkit.Form()).ExpectRedirect(settings)
		owner.Get(settings).Expect(http.StatusOK).Contains("Permintaan tinjauan terkirim", "Menunggu verifikasi").Lacks("Minta ditinjau lagi")
		// The coordinator reads the profile she is asked to look at again.
		coord.Get(card).Expect(http.StatusOK).Contains("Menunggu verifikasi", "Profil kelompok", "Kami menenun bersama sejak 2019.",
			"Balai Desa Noelbaki", `href="https://wa.me/6281234567890"`)
		owner.Post(settings+"/review", testkit.Form()).Expect(http.StatusConflict)
	})
}

// TestProfileRoutesIsolationAndRoles: the new settings routes give another
// group's user the 404 page and a role without tenant:write the 403 page,
// and change nothing.
func TestProfileRoutesIsolationAndRoles(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		a := e.SignupGroup("Kelompok Profil")
		members := e.Team(a)
		b := e.SignupGroup("Kelompok Lain")
		base := "/t/" + a.Slug
		for _, path := range []string{base + "/settings/profile", base + "/settings/review"} {
			other := e.BrowserAs(b.OwnerToken)
			other.Get("/t/" + b.Slug + "/settings")
			other.Post(path, testkit.Form("story", "Bukan kelompok saya")).Expect(http.StatusNotFound).Lacks("Kelompok Profil")
			for _, r := range []access.Role{access.Facilitator, access.Treasurer, access.Viewer} {
				lb := e.BrowserAs(members[r].Token)
				lb.Get(base + "/settings")
				lb.Post(path, testkit.Form("story", "Bukan peran saya")).Expect(http.StatusForbidden).Contains("Tidak diizinkan")
			}
		}
		e.BrowserAs(a.OwnerToken).Get(base+"/settings").Expect(http.StatusOK).Lacks("Bukan kelompok saya", "Bukan peran saya")
		admin := e.BrowserAs(members[access.Admin].Token)
		admin.Get(base + "/settings")
		admin.Post(base+"/settings/profile", testkit.Form("work", "Kebun sayur")).ExpectRedirect(base + "/settings")
	})
}
