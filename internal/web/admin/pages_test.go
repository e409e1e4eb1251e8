package admin_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/peduli/peduli/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

// TestAdminRegistersAHostAndAttachesAGroup: the platform admin registers a
// donation host through the form (a wrong form comes back with its errors
// and what she typed), attaches a group to it, and sees the host beside
// the group.
func TestAdminRegistersAHostAndAttachesAGroup(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		name := testkit.Unique("Kelompok Tenun Oebelo")
		g := e.SignupGroupIn(name, "53.01.08.2011")
		admin := e.PlatformAdmin()
		b := e.BrowserAs(admin.Token)
		b.Get("/admin?q="+url.QueryEscape(name)).Expect(http.StatusOK).Contains("Semua kelompok", name, "53.01.08.2011", "Belum terverifikasi")

		key := testkit.Unique("yayasan-uji")
		hostName := "Yayasan Kasih " + key
		b.Get("/admin/hosts").Expect(http.StatusOK).Contains("Daftarkan yayasan")
		b.Post("/admin/hosts", testkit.Form("name", hostName, "key", "Yayasan Uji!", "permit.number", "PUB-77/2026",
			"permit.area", "Provinsi NTT", "permit.valid_from", "2026-06-01", "permit.valid_until", "2026-01-01",
			"stripe_account", "platform", "stripe_secret_key", "sk_test_rahasia")).
			Expect(http.StatusUnprocessableEntity).
			Contains("Kode singkat: 3–60 huruf kecil", "Tanggal ini tidak boleh sebelum tanggal mulai.",
				`value="`+hostName+`"`, `value="PUB-77/2026"`).
			Lacks("sk_test_rahasia")
		b.Post("/admin/hosts", testkit.Form("name", hostName, "key", key, "permit.number", "PUB-77/2026",
			"permit.area", "Provinsi NTT", "permit.valid_from", "2026-01-01", "permit.valid_until", "2027-12-31",
			"stripe_account", "platform")).ExpectRedirect("/admin/hosts")
		b.Get("/admin/hosts").Expect(http.StatusOK).
			Contains("Yayasan sudah didaftarkan.", hostName, "Izin PUB PUB-77/2026 (Provinsi NTT), berlaku 1 Januari 2026 – 31 Desember 2027")
		// The same key again is a field error, not an error page.
		b.Post("/admin/hosts", testkit.Form("name", hostName, "key", key, "permit.number", "PUB-78/2026",
			"permit.area", "Provinsi NTT", "permit.valid_from", "2026-01-01", "permit.valid_until", "2027-12-31")).
			Expect(http.StatusUnprocessableEntity).Contains("Kode ini sudah dipakai yayasan lain.")

		card := "/admin/groups/" + g.Slug
		b.Get(card).Expect(http.StatusOK).Contains(name, "Pasang ke yayasan ini", "Pindahkan")
		b.Post(card+"/host", testkit.Form("host", "tidak-ada")).Expect(http.StatusUnprocessableEntity).
			Contains("Pilih salah satu pilihan yang tersedia.")
		b.Post(card+"/host", testkit.Form("host", key)).ExpectRedirect(card)
		b.Get(card).Expect(http.StatusOK).Contains("Donasi daring kelompok ini kini diterima yayasan yang dipilih.",
			"<dd>"+hostName+"</dd>")
		b.Get("/admin?q=" + url.QueryEscape(name)).Expect(http.StatusOK).Contains(hostName).Lacks("(bawaan)")
		// The API reads the same attachment.
		host, err := e.App.Funds.HostOf(t.Context(), g.TenantID)
		if err != nil || host == nil || host.Key != key {
			t.Fatalf("group's host = %+v, %v; want %s", host, err, key)
		}

		en := e.BrowserAs(admin.Token)
		en.AcceptLanguage = "en"
		en.Get("/admin/hosts").Expect(http.StatusOK).Contains("Donation hosts", "Register a host", hostName)
	})
}

// TestAdminMovesAGroupAndAssignsCoordinators: moving a group changes which
// coordinator sees it; coordinators are assigned by email and removed.
func TestAdminMovesAGroupAndAssignsCoordinators(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		name := testkit.Unique("Kelompok Pindah")
		g := e.SignupGroupIn(name, "53.01.08.2011")
		kota := e.Coordinator("53.71")
		admin := e.PlatformAdmin()
		b := e.BrowserAs(admin.Token)
		card := "/admin/groups/" + g.Slug

		b.Get(card)
		b.Post(card+"/region", testkit.Form("region_code", "99.99")).Expect(http.StatusUnprocessableEntity).
			Contains("Pilih wilayah dari daftar.")
		e.BrowserAs(kota.Token).Get("/regions/53.71/groups/" + g.Slug).Expect(http.StatusNotFound)
		b.Post(card+"/region", testkit.Form("region_code", "53.71.02")).ExpectRedirect(card)
		b.Get(card).Expect(http.StatusOK).Contains("Kelompok sudah dipindahkan.", "(53.71.02)")
		e.BrowserAs(kota.Token).Get("/regions/53.71/groups/" + g.Slug).Expect(http.StatusOK).Contains(name)

		// Assign: an unknown email, an unverified account, then the right one.
		b.Get("/admin/coordinators").Expect(http.StatusOK).Contains("Tunjuk koordinator")
		unknown := testkit.Unique("belum-ada") + "@example.org"
		b.Post("/admin/coordinators", testkit.Form("email", unknown, "region_code", "53.01")).
			Expect(http.StatusUnprocessableEntity).Contains("Belum ada akun dengan email ini.", `value="`+unknown+`"`)
		person := e.Stranger()
		b.Post("/admin/coordinators", testkit.Form("email", person.Email, "region_code", "53.01")).
			Expect(http.StatusUnprocessableEntity).Contains("Akun ini belum memastikan alamat emailnya.")
		e.VerifyEmail(person.UserID)
		b.Post("/admin/coordinators", testkit.Form("email", person.Email, "region_code", "99")).
			Expect(http.StatusUnprocessableEntity).Contains("Pilih wilayah dari daftar.", `value="`+person.Email+`"`)
		b.Post("/admin/coordinators", testkit.Form("email", person.Email, "region_code", "53.01")).ExpectRedirect("/admin/coordinators")
		b.Get("/admin/coordinators").Expect(http.StatusOK).Contains("Koordinator sudah ditunjuk.", person.Email, "Kabupaten Kupang")
		b.Post("/admin/coordinators", testkit.Form("email", person.Email, "region_code", "53.01")).
			Expect(http.StatusUnprocessableEntity).Contains("Orang ini sudah menjadi koordinator wilayah itu.")
		// She lands on her region, from the login form and from /.
		e.BrowserAs(person.Token).Get("/").ExpectRedirect("/regions/53.01")
		e.BrowserAs(person.Token).Get("/regions/53.01").Expect(http.StatusOK)

		b.Get("/admin/coordinators")
		b.Post("/admin/coordinators/53.01/"+person.UserID+"/remove", nil).ExpectRedirect("/admin/coordinators")
		b.Get("/admin/coordinators").Expect(http.StatusOK).Contains("Koordinator sudah dicabut dari wilayah itu.").Lacks(person.Email)
		e.BrowserAs(person.Token).Get("/regions/53.01").Expect(http.StatusNotFound)
	})
}

// TestAdminLandsOnAdmin: the platform admin's login and her / go to
// /admin; anyone else signed in gets the 403 page there, and a visitor is
// sent to log in.
func TestAdminLandsOnAdmin(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		admin := e.PlatformAdmin()
		b := e.Browser()
		b.Get("/login")
		b.Post("/login", testkit.Form("email", admin.Email, "password", testkit.Password)).ExpectRedirect("/admin")
		b.Get("/").ExpectRedirect("/admin")
		b.Get("/admin").Expect(http.StatusOK).Contains(`aria-current="page">Kelompok</a>`)

		g := e.SignupGroup("Kelompok Biasa")
		co := e.Coordinator("53.01")
		owner := e.BrowserAs(g.OwnerToken)
		owner.Get("/").Expect(http.StatusOK).Contains("Kelompok Biasa")
		for _, who := range []*testkit.Browser{owner, e.BrowserAs(co.Token)} {
			who.Get("/admin/hosts").Expect(http.StatusForbidden).Contains("Tidak diizinkan")
			who.Post("/admin/hosts", testkit.Form("key", "curang", "name", "Curang")).
				Expect(http.StatusForbidden).Contains("Tidak diizinkan").Lacks("Formulir kedaluwarsa")
		}
		e.Browser().Get("/admin/coordinators").ExpectRedirect("/login?next=%2Fadmin%2Fcoordinators")
	})
}
