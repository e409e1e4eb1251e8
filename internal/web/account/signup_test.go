package account_test

import (
	"net/http"
	"testing"

	"github.com/peduli/peduli/internal/testkit"
)

func TestSignupPage(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		b := e.Browser()
		b.Get("/signup").Expect(http.StatusOK).
			Contains("Daftarkan kelompok", "Kabupaten Kupang", "Pilih kabupaten/kota dulu").
			Lacks("Kupang Tengah")

		// The htmx fragment lists the regency's kecamatan and villages.
		b.Get("/signup/places?regency=53.01").Expect(http.StatusOK).Contains("Kupang Tengah", `value="53.01.08.2011"`).Lacks("<html")

		// Without JavaScript, "show places" posts the form back with input kept.
		b.Get("/signup")
		b.Post("/signup", testkit.Form("step", "region", "regency", "53.01", "group.name", "Kelompok Tani Maju",
			"owner.password", "rahasia-sekali")).Expect(http.StatusOK).
			Contains(`value="Kelompok Tani Maju"`, `value="53.01.08.2011"`).Lacks("rahasia-sekali")

		// Invalid input: messages next to the fields, in Bahasa Indonesia, nothing created.
		b.Post("/signup", testkit.Form("group.name", "KT", "regency", "53.01", "owner.email", "bukan-email",
			"owner.password", "pendek")).Expect(http.StatusUnprocessableEntity).
			Contains("Minimal 3 karakter.", "Masukkan alamat email yang benar.", "Kata sandi harus 8–128 karakter",
				"Wajib diisi.", `value="KT"`)

		// A valid sign-up lands the owner in her workspace with a welcome.
		email := testkit.Unique("ketua") + "@example.org"
		e.Logs.Forbid(email)
		res := b.Post("/signup", testkit.Form("group.name", "Kelompok Tani Maju", "regency", "53.01",
			"group.region_code", "53.01.08.2011", "owner.name", "Maria Bria", "owner.email", email,
			"owner.password", testkit.Password)).ExpectRedirect("/t/kelompok-tani-maju")
		b.Get(res.Location()).Expect(http.StatusOK).Contains("Kelompok Tani Maju", "Selamat datang di Peduli!", "Maria Bria")

		// The same email and group address again: shown on their fields.
		b2 := e.Browser()
		b2.AcceptLanguage = "en"
		b2.Get("/signup").Contains("Register your group", "Regency/city")
		b2.Post("/signup", testkit.Form("group.name", "Kelompok Tani Maju", "regency", "53.01",
			"group.region_code", "53.01.08", "owner.name", "Maria", "owner.email", email,
			"owner.password", testkit.Password)).Expect(http.StatusUnprocessableEntity).
			Contains("Another group uses this address")
	})
}
