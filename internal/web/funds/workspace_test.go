package funds_test

import (
	"net/http"
	"testing"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/testkit"
)

func TestTreasurerPages(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		e.Logs.Forbid("pak.donatur@example.org")
		g := e.SignupGroup("Kelompok Bendahara")
		team := e.Team(g)
		other := e.SignupGroup("Kelompok Lain")

		tr := e.BrowserAs(team[access.Treasurer].Token)
		tr.Get("/t/" + g.Slug + "/donations").Expect(http.StatusOK).Contains("Catat donasi tunai")
		tr.Post("/t/"+g.Slug+"/donations", testkit.Form("amount", "250.000", "method", "cash", "received_on", "2026-03-02",
			"donor.name", "Pak Donatur", "donor.email", "pak.donatur@example.org")).ExpectRedirect("/t/" + g.Slug + "/donations")
		tr.Get("/t/"+g.Slug+"/donations").Expect(http.StatusOK).Contains("Pak Donatur", "pak.donatur@example.org", "KAS/")
		tr.Post("/t/"+g.Slug+"/donations", testkit.Form("amount", "abc", "method", "cash", "received_on", "2026-03-02")).
			Expect(http.StatusUnprocessableEntity)

		tr.Get("/t/"+g.Slug+"/ledger").Expect(http.StatusOK).Contains("Buku kas", "Tambah catatan")
		tr.Post("/t/"+g.Slug+"/ledger", testkit.Form("kind", "expense", "amount", "2.000.000", "category", "bahan",
			"occurred_on", "2026-03-03", "note", "benang")).ExpectRedirect("/t/" + g.Slug + "/ledger")
		tr.Get("/t/"+g.Slug+"/ledger").Expect(http.StatusOK).Contains("menunggu persetujuan", "benang")
		// One cash figure: the ledger's (the gift; the expense waits) with the members' savings.
		b := e.CreateBeneficiary(g, g.OwnerToken, nil)
		e.Do(http.MethodPost, "/api/v1/t/"+g.Slug+"/savings/deposits", team[access.Treasurer].Token, map[string]any{
			"beneficiary_id": b, "kind": "pokok", "amount": 10_000_000, "paid_on": "2026-03-03"}).Expect(http.StatusCreated)
		tr.Get("/t/"+g.Slug+"/ledger").Expect(http.StatusOK).Contains("Kas di tangan", "Rp 350.000",
			"Buku kas kelompok Rp 250.000 + simpan pinjam anggota Rp 100.000")
		tr.Post("/t/"+g.Slug+"/ledger", testkit.Form("kind", "expense", "amount", "1000", "occurred_on", "2026-03-03", "_csrf", "forged")).
			Expect(http.StatusForbidden)

		// a facilitator sees donations without emails, and no ledger
		fa := e.BrowserAs(team[access.Facilitator].Token)
		fa.Get("/t/"+g.Slug+"/donations").Expect(http.StatusOK).Contains("Pak Donatur").Lacks("pak.donatur@example.org", "Catat donasi tunai")
		fa.Get("/t/" + g.Slug + "/ledger").Expect(http.StatusForbidden)
		// another group's member gets 404
		e.BrowserAs(other.OwnerToken).Get("/t/" + g.Slug + "/ledger").Expect(http.StatusNotFound)
		e.BrowserAs(other.OwnerToken).Get("/t/" + g.Slug + "/donations").Expect(http.StatusNotFound)
	})
}

// A raise of the approval threshold proposed by the owner shows on the
// ledger page, and a second owner or admin confirms it there (without
// JavaScript); another group gets the 404 page and a treasurer the 403 page.
func TestThresholdConfirmPage(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Ambang")
		team := e.Team(g)
		other := e.SignupGroup("Kelompok Luar Ambang")
		e.Do(http.MethodPut, "/api/v1/t/"+g.Slug+"/ledger/settings", g.OwnerToken, map[string]any{"approval_threshold": 1000000000}).Expect(http.StatusOK)

		path := "/t/" + g.Slug + "/ledger/settings/confirm"
		ob := e.BrowserAs(other.OwnerToken)
		ob.Get("/t/" + other.Slug + "/ledger")
		ob.Post(path, testkit.Form()).Expect(http.StatusNotFound).Contains("Halaman tidak ditemukan")
		tr := e.BrowserAs(team[access.Treasurer].Token)
		tr.Get("/t/" + g.Slug + "/ledger").Expect(http.StatusOK).Contains("menjadi Rp 10.000.000").Lacks("Konfirmasi kenaikan batas")
		tr.Post(path, testkit.Form()).Expect(http.StatusForbidden).Contains("Tidak diizinkan")

		ad := e.BrowserAs(team[access.Admin].Token)
		ad.Get("/t/" + g.Slug + "/ledger").Expect(http.StatusOK).Contains("Konfirmasi kenaikan batas")
		ad.Post(path, testkit.Form()).ExpectRedirect("/t/" + g.Slug + "/ledger")
		ad.Get("/t/" + g.Slug + "/ledger").Expect(http.StatusOK).Contains("Pengeluaran di atas Rp 10.000.000 perlu disetujui orang kedua").Lacks("Konfirmasi kenaikan batas")
	})
}
