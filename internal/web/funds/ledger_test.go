package funds_test

import (
	"net/http"
	"regexp"
	"testing"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/testkit"
)

var approveAction = regexp.MustCompile(`/ledger/([0-9a-f-]{36})/approve`)

// The treasurer's ledger: an expense larger than the cash is saved with a
// warning; cancelling asks first (a details step that works without
// JavaScript) and says what it does; a cancelled pending expense no longer
// waits for approval; an entry may name one of the group's programs.
func TestLedgerReverseConfirmAndPrograms(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Buku Kas")
		team := e.Team(g)
		program := testkit.Str(e.CreateProgram(g, g.OwnerToken, map[string]any{"template_key": "tenun-ikat", "starts_on": "2026-01-05"}), "id")
		base := "/t/" + g.Slug + "/ledger"
		tr := e.BrowserAs(team[access.Treasurer].Token)
		tr.Get(base).Expect(http.StatusOK).Contains(`name="program_id"`, "Tanpa program khusus", "Saldo kas sekarang Rp 0.")

		tr.Post(base, testkit.Form("kind", "income", "amount", "300.000", "category", "iuran", "occurred_on", "2026-03-01",
			"note", "iuran anggota", "program_id", program)).ExpectRedirect(base)
		tr.Get(base).Expect(http.StatusOK).Contains("Catatan ditambahkan.", "iuran · KUBE Tenun Ikat")
		tr.Post(base, testkit.Form("kind", "expense", "amount", "2.000.000", "category", "bahan", "occurred_on", "2026-03-03",
			"note", "benang ikat")).ExpectRedirect(base)
		page := tr.Get(base).Expect(http.StatusOK).
			Contains("lebih besar dari saldo kas", "menunggu persetujuan", "Batalkan (catat koreksi)", "Ya, batalkan catatan ini",
				"belum disetujui: membatalkannya berarti tidak pernah dihitung")
		m := approveAction.FindStringSubmatch(string(page.Body))
		if m == nil {
			t.Fatal("no approve button for the pending expense")
		}
		tr.Post(base+"/"+m[1]+"/reverse", testkit.Form("note", "salah catat")).ExpectRedirect(base)
		tr.Get(base).Expect(http.StatusOK).Contains("Catatan dibatalkan dengan catatan koreksi.", "dibatalkan", "salah catat").
			Lacks("menunggu persetujuan", "/ledger/"+m[1]+"/approve", "/ledger/"+m[1]+"/reverse")

		// A program of another group is refused on the form, input kept.
		other := e.SignupGroup("Kelompok Lain Buku")
		theirs := testkit.Str(e.CreateProgram(other, other.OwnerToken, map[string]any{"template_key": "tenun-ikat", "starts_on": "2026-01-05"}), "id")
		tr.Post(base, testkit.Form("kind", "expense", "amount", "50.000", "category", "bahan", "occurred_on", "2026-03-04",
			"note", "pewarna", "program_id", theirs)).Expect(http.StatusUnprocessableEntity).Contains(`value="pewarna"`)

		tr.AcceptLanguage = "en"
		tr.Get(base).Expect(http.StatusOK).Contains("Cancel (record a correction)", "cancelled", "Program (optional)")
	})
}
