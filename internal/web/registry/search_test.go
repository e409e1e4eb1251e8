package registry_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/testkit"
)

// TestSearchAsPeopleSearch: names in any word order, a NIK through the
// blind index (audited, never in a URL), a reload of the result page back
// to the list instead of a 404, and tappable phone numbers.
func TestSearchAsPeopleSearch(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Cari")
		team := e.Team(g)
		base := "/t/" + g.Slug + "/beneficiaries"
		nik := testkit.NIK(time.Date(1990, 5, 20, 0, 0, 0, 0, time.UTC))
		phone := "0812 3456 7802"
		e.Logs.Forbid(nik)
		yohana := e.CreateBeneficiary(g, g.OwnerToken, map[string]any{"name": "Yohana Tefa", "nik": nik, "phone": phone})
		e.CreateBeneficiary(g, g.OwnerToken, map[string]any{"name": "Maria Bria"})

		fac := e.BrowserAs(team[access.Facilitator].Token)
		fac.Get(base).Expect(http.StatusOK).Contains("Cari nama atau NIK")
		fac.Post(base+"/search", testkit.Form("q", "Tefa Yohana")).Expect(http.StatusOK).Contains("Yohana Tefa").Lacks("Maria Bria")
		fac.Post(base+"/search", testkit.Form("q", "yohana")).Expect(http.StatusOK).Contains("Yohana Tefa").Lacks("Maria Bria")
		// Reloading the result page asks for it with GET: back to the list.
		fac.Get(base + "/search").ExpectRedirect(base)

		lookups := func() int64 {
			var n int64
			if err := e.Owner.Global(t.Context()).Table("audit_events").
				Where("tenant_id = ? AND action = ? AND entity = ?", g.TenantID, "lookup", "beneficiary").Count(&n).Error; err != nil {
				t.Fatal(err)
			}
			return n
		}
		before := lookups()
		fac.Post(base+"/search", testkit.Form("q", nik[:6]+" "+nik[6:12]+" "+nik[12:])).Expect(http.StatusOK).
			Contains("Yohana Tefa").Lacks("Maria Bria")
		if lookups() != before+1 {
			t.Fatalf("a NIK search was not audited as a lookup")
		}
		other := testkit.NIK(time.Date(1991, 6, 21, 0, 0, 0, 0, time.UTC))
		fac.Post(base+"/search", testkit.Form("q", other)).Expect(http.StatusOK).Contains("Tidak ada yang terdaftar dengan NIK ini.")
		fac.Post(base+"/search", testkit.Form("q", "9999999999999999")).Expect(http.StatusUnprocessableEntity).
			Contains("NIK ini tidak valid")
		en := e.BrowserAs(team[access.Facilitator].Token)
		en.AcceptLanguage = "en"
		en.Get(base).Expect(http.StatusOK)
		en.Post(base+"/search", testkit.Form("q", other)).Expect(http.StatusOK).Contains("No one is registered with this NIK.")

		// Her phone number calls or opens WhatsApp.
		fac.Get(base+"/"+yohana).Expect(http.StatusOK).Contains(`href="tel:+6281234567802"`, `href="https://wa.me/6281234567802"`)

		// The reload route is guarded like the list: a viewer gets the 403
		// page, another group's owner the 404 page.
		e.BrowserAs(team[access.Viewer].Token).Get(base + "/search").Expect(http.StatusForbidden).Contains("Tidak diizinkan")
		stranger := e.SignupGroup("Kelompok Luar Cari")
		e.BrowserAs(stranger.OwnerToken).Get(base + "/search").Expect(http.StatusNotFound).Lacks("Kelompok Cari")
	})
}
