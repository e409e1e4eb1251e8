package web_test

import (
	"net/http"
	"testing"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/testkit"
)

// The words a village chair reads are hers, in both languages: cancelling
// a ledger entry, the cash-gift form's donor fields, the dashboard's menu,
// a beneficiary's personal-data download and birth date, program members
// as participants (peserta) apart from the team, and the audit log.
func TestWordsAChairUnderstands(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Kata")
		team := e.Team(g)
		person := e.CreateBeneficiary(g, g.OwnerToken, map[string]any{"name": "Ibu Kata"})
		e.CreateProgram(g, g.OwnerToken, map[string]any{"template_key": "tenun-ikat", "starts_on": "2026-01-05"})
		base := "/t/" + g.Slug
		for _, c := range []struct {
			lang string
			want map[string][]string
			lack []string
		}{
			{"id", map[string][]string{
				"":                                     {"Menu"},
				"/donations":                           {"Nama donatur", "Sembunyikan nama donatur"},
				"/beneficiaries/" + person:             {"Unduh data pribadinya"},
				"/beneficiaries/" + person + "/assess": {"Tanggal lahir Ibu"},
				"/programs":                            {"0 peserta"},
			}, []string{"Nama Anda", "Sembunyikan nama saya", "Kapan ia lahir", "Unduh datanya", "anggota"}},
			{"en", map[string][]string{
				"":                                     {"Menu"},
				"/donations":                           {"Donor's name", "Hide the donor's name"},
				"/beneficiaries/" + person:             {"Download her personal data"},
				"/beneficiaries/" + person + "/assess": {"Her date of birth"},
			}, []string{"Your name", "Hide my name"}},
		} {
			b := e.BrowserAs(g.OwnerToken)
			b.AcceptLanguage = c.lang
			for path, want := range c.want {
				b.Get(base + path).Expect(http.StatusOK).Contains(want...).Lacks(c.lack...)
			}
		}
		tr := e.BrowserAs(team[access.Treasurer].Token)
		tr.Get(base + "/ledger").Expect(http.StatusOK)
		tr.Post(base+"/ledger", testkit.Form("kind", "income", "amount", "10.000", "category", "iuran", "occurred_on", "2026-03-01")).ExpectRedirect(base + "/ledger")
		tr.Get(base + "/ledger").Expect(http.StatusOK).Contains("Batalkan (catat koreksi)").Lacks("Koreksi (balik)")
		// The audit log reads as sentences in the reader's language.
		ow := e.BrowserAs(g.OwnerToken)
		ow.Get(base + "/audit").Expect(http.StatusOK).Contains("membuat · catatan buku kas").Lacks("create · ledger_entry")
		ow.AcceptLanguage = "en"
		ow.Get(base + "/audit").Expect(http.StatusOK).Contains("created · ledger entry")
	})
}
