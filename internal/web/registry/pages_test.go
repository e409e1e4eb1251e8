package registry_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

func TestBeneficiaryPages(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Daftar")
		team := e.Team(g)
		base := "/t/" + g.Slug + "/beneficiaries"
		fac := e.BrowserAs(team[access.Facilitator].Token)
		nik := testkit.NIK(time.Date(1988, 3, 14, 0, 0, 0, 0, time.UTC))
		phone := "081234567801"
		e.Logs.Forbid(nik, phone)

		fac.Get(base).Expect(http.StatusOK).Contains("Penerima manfaat", "Daftarkan orang baru")
		fac.Get(base+"/new").Expect(http.StatusOK).Contains("Daftarkan penerima manfaat", "3. Persetujuan",
			"Layanan kelompok", "Bacakan ini kepadanya")

		// Bad input: messages next to the fields, input kept, nothing written.
		fac.Post(base, testkit.Form("name", "Maria Lay", "nik", "1234", "monthly_income", "seribu", "village", "Penfui Timur")).
			Expect(http.StatusUnprocessableEntity).
			Contains("NIK harus 16 angka", "Tulis jumlah dengan angka, misalnya 500.000", "Tanpa persetujuan layanan", `value="Maria Lay"`, `value="Penfui Timur"`)
		if n := e.CountRows("beneficiaries", g.TenantID); n != 0 {
			t.Fatalf("%d beneficiaries written on bad input", n)
		}

		// A good registration, income typed the Indonesian way.
		res := fac.Post(base, testkit.Form("name", "Maria Lay", "nik", nik, "birth_date", "1988-03-14", "phone", phone,
			"village", "Penfui Timur", "marital_status", "widowed", "household_head", "on", "dependents", "3",
			"education", "primary", "occupation", "Penenun", "monthly_income", "Rp 1.500.000", "disability", "no",
			"consent_services", "on", "consent_reporting", "on"))
		res.Expect(http.StatusSeeOther)
		loc := res.Location()
		if !strings.HasPrefix(loc, base+"/") {
			t.Fatalf("redirect to %q", loc)
		}
		id := loc[strings.LastIndex(loc, "/")+1:]
		api := e.Do(http.MethodGet, "/api/v1/t/"+g.Slug+"/beneficiaries/"+id, g.OwnerToken, nil).Expect(http.StatusOK).Map()
		if api["monthly_income"] != float64(150000000) || testkit.Str(api, "consent", "recorded_by") != team[access.Facilitator].UserID {
			t.Fatalf("stored %v / consent by %v", api["monthly_income"], api["consent"])
		}
		fac.Get(loc).Expect(http.StatusOK).Contains("Data sudah tersimpan", "Maria Lay", "Rp 1.500.000", nik,
			"Layanan kelompok", "Laporan", "Cerai mati (janda)", "Ubah data", "Nilai PRSE").Lacks("Hapus data pribadi")

		// The same NIK again: the message sits next to the NIK field.
		fac.Get(base + "/new")
		fac.Post(base, testkit.Form("name", "Maria Lain", "nik", nik, "consent_services", "on")).
			Expect(http.StatusUnprocessableEntity).Contains("NIK ini sudah terdaftar di kelompok ini.", `value="Maria Lain"`)

		// List: masked NIK, search by POST (no name in the URL), English.
		fac.Get(base).Expect(http.StatusOK).Contains("Maria Lay", nik[:4]+"********"+nik[12:]).Lacks(nik)
		fac.Post(base+"/search", testkit.Form("q", "mari")).Expect(http.StatusOK).Contains("Maria Lay")
		fac.Post(base+"/search", testkit.Form("q", "zzz")).Expect(http.StatusOK).Contains("Tidak ada nama yang cocok.")
		en := e.BrowserAs(team[access.Facilitator].Token)
		en.AcceptLanguage = "en"
		en.Get(base).Expect(http.StatusOK).Contains("Beneficiaries", "Register a person", "Maria Lay")
		en.Get(loc).Expect(http.StatusOK).Contains("Rp 1,500,000", "Widowed", "Group services")

		// Edit keeps and changes; a bad phone re-renders with the value kept.
		fac.Get(loc+"/edit").Expect(http.StatusOK).Contains(`value="`+nik+`"`, `value="1500000"`)
		fac.Post(loc, testkit.Form("name", "Maria Lay", "nik", nik, "phone", "12", "village", "Oesao", "consent_services", "on")).
			Expect(http.StatusUnprocessableEntity).Contains("Tulis nomor HP Indonesia", `value="Oesao"`)
		fac.Post(loc, testkit.Form("name", "Maria Lay", "nik", nik, "phone", phone, "village", "Oesao", "monthly_income", "1.750.000",
			"consent_services", "on")).ExpectRedirect(loc)
		fac.Get(loc).Expect(http.StatusOK).Contains("Perubahan sudah tersimpan.", "Oesao", "Rp 1.750.000")

		// The guided PRSE assessment, pre-filled, reasons as sentences.
		fac.Get(loc+"/assess").Expect(http.StatusOK).Contains("Berapa penghasilan keluarganya sebulan?", `value="1750000"`, `value="1988-03-14"`)
		fac.Post(loc+"/assess", testkit.Form("birth_date", "1988-03-14", "female", "on", "marital_status", "widowed",
			"monthly_income", "abc", "dependents", "3")).Expect(http.StatusUnprocessableEntity).Contains("Tulis jumlah dengan angka, misalnya 500.000", `value="abc"`)
		fac.Post(loc+"/assess", testkit.Form("birth_date", "1988-03-14", "female", "on", "marital_status", "widowed",
			"monthly_income", "1.750.000", "household_head", "on", "dependents", "3", "education", "primary")).
			ExpectRedirect(loc + "#assessments")
		fac.Get(loc).Expect(http.StatusOK).Contains("Penilaian PRSE sudah tersimpan.", "Ia perempuan.", "Umurnya 18 sampai 59 tahun.",
			"Ia pencari nafkah utama keluarga.", "Tanggungannya tiga orang atau lebih.")
		en.Get(loc).Expect(http.StatusOK).Contains("She is a woman.", "She has three or more dependents.")

		// Export: a JSON download for roles reading personal data.
		x := e.BrowserAs(g.OwnerToken).Get(loc + "/export").Expect(http.StatusOK)
		if !strings.Contains(x.Header.Get("Content-Disposition"), "attachment") || !strings.Contains(string(x.Body), nik) {
			t.Fatalf("export %q", x.Header.Get("Content-Disposition"))
		}

		// Roles: a viewer gets the 403 page and no menu entry; treasurer sees masked? no — she reads personal data, but no buttons.
		viewer := e.BrowserAs(team[access.Viewer].Token)
		viewer.Get(base).Expect(http.StatusForbidden).Contains("Tidak diizinkan")
		viewer.Get("/t/" + g.Slug + "/team").Expect(http.StatusOK).Lacks("Penerima manfaat")
		viewer.Post(base, testkit.Form("name", "X", "nik", nik, "consent_services", "on")).Expect(http.StatusForbidden)
		tr := e.BrowserAs(team[access.Treasurer].Token)
		tr.Get(base).Expect(http.StatusOK).Lacks("Daftarkan orang baru")
		tr.Get(loc).Expect(http.StatusOK).Contains("Maria Lay").Lacks("Ubah data", "Nilai PRSE", "Hapus data pribadi")
		tr.Get(loc + "/edit").Expect(http.StatusForbidden)
		fac.Get(loc + "/erase").Expect(http.StatusForbidden)

		// CSRF: a forged token is refused and nothing is written.
		fac.Post(base, testkit.Form("_csrf", "forged", "name", "Y", "nik", testkit.NIK(time.Date(1990, 1, 2, 0, 0, 0, 0, time.UTC)),
			"consent_services", "on")).Expect(http.StatusForbidden)
		if n := e.CountRows("beneficiaries", g.TenantID); n != 1 {
			t.Fatalf("%d beneficiaries", n)
		}

		// Another group's user: 404 page for the group's URL and for the id under her own group.
		other := e.SignupGroup("Kelompok Lain")
		ob := e.BrowserAs(other.OwnerToken)
		ob.Get(loc).Expect(http.StatusNotFound).Contains("Halaman tidak ditemukan")
		ob.Get("/t/" + other.Slug + "/beneficiaries/" + id).Expect(http.StatusNotFound)
		ob.Get("/t/" + other.Slug + "/beneficiaries/" + id + "/edit").Expect(http.StatusNotFound)

		// Erase: the owner confirms, the personal data is gone, the name is replaced.
		owner := e.BrowserAs(g.OwnerToken)
		owner.Get(loc).Expect(http.StatusOK).Contains("Hapus data pribadi")
		owner.Get(loc+"/erase").Expect(http.StatusOK).Contains("Hapus data pribadi?", "Ya, hapus data pribadinya")
		owner.Post(loc+"/erase", nil).ExpectRedirect(loc)
		owner.Get(loc).Expect(http.StatusOK).Contains("Data pribadinya sudah dihapus").Lacks(nik, "Rp 1.750.000", "Hapus data pribadi\n")
	})
}

func TestBeneficiaryListPages(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Halaman")
		for i := 0; i < 52; i++ {
			e.CreateBeneficiary(g, g.OwnerToken, nil)
		}
		b := e.BrowserAs(g.OwnerToken)
		base := "/t/" + g.Slug + "/beneficiaries"
		first := b.Get(base).Expect(http.StatusOK).Contains("Halaman berikutnya")
		i := strings.Index(string(first.Body), base+"?cursor=")
		if i < 0 {
			t.Fatal("no next link")
		}
		next := string(first.Body[i:])
		next = next[:strings.Index(next, `"`)]
		b.Get(next).Expect(http.StatusOK).Lacks("Halaman berikutnya")
		b.Post(base+"/search", testkit.Form("q", "Maria")).Expect(http.StatusOK).Contains(`name="cursor"`)
	})
}
