package partners_test

import (
	"net/http"
	"testing"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

func TestPartnerPages(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Mitra")
		team := e.Team(g)
		base := "/t/" + g.Slug + "/partners"
		owner := e.BrowserAs(g.OwnerToken)
		owner.Get(base).Expect(http.StatusOK).Contains("Mitra", "Belum ada mitra.", "Tambah mitra")
		owner.Get(base+"/new").Expect(http.StatusOK).Contains("Jenis mitra", "Pemerintah")

		// Bad input keeps what was typed and writes nothing.
		owner.Post(base, testkit.Form("kind", "government", "name", "Dinas Sosial", "contact_phone", "12",
			"mou_starts_on", "2026-03-01", "mou_ends_on", "2026-01-01", "contribution_value", "satu juta")).
			Expect(http.StatusUnprocessableEntity).
			Contains("Tulis nomor HP Indonesia", "Tulis jumlah dengan angka, misalnya 500.000", `value="Dinas Sosial"`, `value="satu juta"`)
		if n := e.CountRows("partners", g.TenantID); n != 0 {
			t.Fatalf("%d partners written on bad input", n)
		}
		owner.Post(base, testkit.Form("kind", "government", "name", "Dinas Sosial", "mou_starts_on", "2026-03-01",
			"mou_ends_on", "2026-01-01")).Expect(http.StatusUnprocessableEntity).Contains("Tanggal berakhir tidak boleh sebelum")
		owner.Post(base, testkit.Form("kind", "government", "name", "Dinas Sosial Kabupaten Kupang", "contact_name", "Bapak Nope",
			"contact_phone", "081234567890", "mou_starts_on", "2026-01-01", "contribution", "Pelatihan pewarnaan",
			"contribution_value", "Rp 5.000.000")).ExpectRedirect(base)
		owner.Get(base).Expect(http.StatusOK).Contains("Mitra tersimpan.", "Dinas Sosial Kabupaten Kupang", "Pemerintah",
			"Pelatihan pewarnaan", "Rp 5.000.000", "Bapak Nope", "1 Januari 2026")
		en := e.BrowserAs(g.OwnerToken)
		en.AcceptLanguage = "en"
		en.Get(base).Expect(http.StatusOK).Contains("Partners", "Government", "Rp 5,000,000", "Add a partner")

		var list struct{ Items []struct{ ID string } }
		e.Do(http.MethodGet, "/api/v1/t/"+g.Slug+"/partners", g.OwnerToken, nil).Expect(http.StatusOK).JSON(&list)
		if len(list.Items) != 1 {
			t.Fatalf("partners %v", list.Items)
		}
		ids := []string{list.Items[0].ID}
		p := base + "/" + ids[0]
		owner.Get(p+"/edit").Expect(http.StatusOK).Contains(`value="5000000"`, `value="2026-01-01"`, "Hapus mitra ini")
		owner.Post(p, testkit.Form("kind", "ngo", "name", "Yayasan Alfa Omega", "mou_starts_on", "2026-01-01")).ExpectRedirect(base)
		owner.Get(base).Expect(http.StatusOK).Contains("Yayasan Alfa Omega", "LSM")

		// Roles: a viewer sees the list without contacts or buttons; the server refuses.
		viewer := e.BrowserAs(team[access.Viewer].Token)
		viewer.Get(base).Expect(http.StatusOK).Contains("Yayasan Alfa Omega").Lacks("Tambah mitra", "Ubah")
		viewer.Get(p + "/edit").Expect(http.StatusForbidden)
		viewer.Post(p+"/delete", nil).Expect(http.StatusForbidden)
		fac := e.BrowserAs(team[access.Facilitator].Token)
		fac.Get(base).Expect(http.StatusOK).Lacks("Tambah mitra")
		fac.Post(base, testkit.Form("kind", "ngo", "name", "X")).Expect(http.StatusForbidden)

		// CSRF and another group.
		owner.Post(p+"/delete", testkit.Form("_csrf", "forged")).Expect(http.StatusForbidden)
		other := e.SignupGroup("Kelompok Asing")
		ob := e.BrowserAs(other.OwnerToken)
		ob.Get(base).Expect(http.StatusNotFound)
		ob.Get("/t/" + other.Slug + "/partners/" + ids[0] + "/edit").Expect(http.StatusNotFound)
		ob.Get("/t/" + other.Slug + "/partners")
		ob.Post("/t/"+other.Slug+"/partners/"+ids[0]+"/delete", nil).Expect(http.StatusNotFound)

		// Delete.
		owner.Get(p + "/edit")
		owner.Post(p+"/delete", nil).ExpectRedirect(base)
		owner.Get(base).Expect(http.StatusOK).Contains("Mitra sudah dihapus.", "Belum ada mitra.")
	})
}
