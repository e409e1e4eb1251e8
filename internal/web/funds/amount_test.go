package funds_test

import (
	"net/http"
	"testing"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/testkit"
)

// Every money field reads "Rp 500.000" the same way and refuses what is not
// an amount with the same message, in the user's language: the cash gift,
// the ledger entry and the online gift.
func TestOneAmountEverywhere(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Jumlah")
		team := e.Team(g)
		tr := e.BrowserAs(team[access.Treasurer].Token)
		tr.Get("/t/" + g.Slug + "/donations").Expect(http.StatusOK)
		tr.Post("/t/"+g.Slug+"/donations", testkit.Form("amount", "Rp 500.000", "method", "cash", "received_on", "2026-03-02",
			"donor.name", "Bu Lina")).ExpectRedirect("/t/" + g.Slug + "/donations")
		tr.Get("/t/"+g.Slug+"/donations").Expect(http.StatusOK).Contains("Rp 500.000", "Bu Lina")
		for _, bad := range []string{"abc", "0", "", "-5"} {
			tr.Post("/t/"+g.Slug+"/donations", testkit.Form("amount", bad, "method", "cash", "received_on", "2026-03-02",
				"donor.name", "Bu Lina")).Expect(http.StatusUnprocessableEntity).
				Contains("Tulis jumlah lebih dari 0, misalnya 500.000.", `value="Bu Lina"`).Lacks("Harus lebih dari .")
		}
		tr.Get("/t/" + g.Slug + "/ledger").Expect(http.StatusOK)
		tr.Post("/t/"+g.Slug+"/ledger", testkit.Form("kind", "income", "amount", "Rp 1.250.000,-", "category", "iuran",
			"occurred_on", "2026-03-03", "note", "iuran bulan Maret")).ExpectRedirect("/t/" + g.Slug + "/ledger")
		tr.Get("/t/"+g.Slug+"/ledger").Expect(http.StatusOK).Contains("Rp 1.250.000", "iuran bulan Maret")
		tr.Post("/t/"+g.Slug+"/ledger", testkit.Form("kind", "expense", "amount", "sejuta", "category", "bahan",
			"occurred_on", "2026-03-03", "note", "benang")).Expect(http.StatusUnprocessableEntity).
			Contains("Tulis jumlah lebih dari 0, misalnya 500.000.", `value="benang"`)

		tr.AcceptLanguage = "en"
		tr.Get("/t/" + g.Slug + "/ledger").Expect(http.StatusOK)
		tr.Post("/t/"+g.Slug+"/ledger", testkit.Form("kind", "expense", "amount", "0", "category", "bahan",
			"occurred_on", "2026-03-03", "note", "thread")).Expect(http.StatusUnprocessableEntity).
			Contains("Write an amount more than 0, for example 500,000.", `value="thread"`)
	})
}

// A donor who types "Rp 150.000" is sent to pay; one who types words sees
// the same amount message as the treasurer, with her name kept.
func TestDonateAmount(t *testing.T) {
	testkit.RunStripe(t, func(t *testing.T, e *testkit.Env) {
		e.ProvisionedGroup("rindu-sejahtera")
		donor := e.Browser()
		donor.Get("/g/rindu-sejahtera/donate").Expect(http.StatusOK)
		donor.Post("/g/rindu-sejahtera/donate", testkit.Form("amount", "lima ribu", "interval", "once", "donor.name", "Sari")).
			Expect(http.StatusUnprocessableEntity).Contains("Tulis jumlah lebih dari 0, misalnya 500.000.", `value="Sari"`)
		donor.Post("/g/rindu-sejahtera/donate", testkit.Form("amount", "Rp 150.000", "interval", "once", "donor.name", "Sari")).
			Expect(http.StatusSeeOther)
	})
}
