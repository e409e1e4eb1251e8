package funds_test

import (
	"net/http"
	"testing"

	"github.com/peduli/peduli/internal/testkit"
)

// TestDonateFormChoices: preset amounts are choices that set the amount,
// and how the donor's name appears is one choice, so hiding and showing it
// cannot both be asked for.
func TestDonateFormChoices(t *testing.T) {
	testkit.RunStripe(t, func(t *testing.T, e *testkit.Env) {
		g := e.ProvisionedGroup("rindu-sejahtera")
		b := e.Browser()
		b.Get("/g/rindu-sejahtera/donate").Expect(http.StatusOK).
			Contains(`<input type="radio" name="preset" value="100000">`, "Pilih jumlah", "Rp 100.000",
				`<input type="radio" name="name_shown" value="private" checked>`, `name="name_shown" value="anonymous"`).
			Lacks(`type="checkbox" name="anonymous"`, `type="checkbox" name="show_name"`)
		en := e.Browser()
		en.AcceptLanguage = "en"
		en.Get("/g/rindu-sejahtera/donate").Expect(http.StatusOK).Contains("Choose an amount", "Only the group knows my name")

		b.Post("/g/rindu-sejahtera/donate", testkit.Form("preset", "100000", "amount", "50000", "interval", "once",
			"donor.name", "Sari", "name_shown", "anonymous")).Expect(http.StatusSeeOther)
		var amount int64
		var anonymous, shown bool
		if err := e.Owner.Global(t.Context()).Raw("SELECT amount, anonymous, show_name FROM donations WHERE tenant_id = ? ORDER BY created_at DESC, id DESC LIMIT 1",
			g.TenantID).Row().Scan(&amount, &anonymous, &shown); err != nil {
			t.Fatal(err)
		}
		if amount != 10000000 || !anonymous || shown {
			t.Fatalf("recorded %d, anonymous %v, shown %v; want the Rp 100.000 preset, anonymous, not shown", amount, anonymous, shown)
		}
		b.Get("/g/rindu-sejahtera/donate")
		b.Post("/g/rindu-sejahtera/donate", testkit.Form("preset", "", "amount", "75.000", "interval", "once",
			"donor.name", "Sari", "name_shown", "public")).Expect(http.StatusSeeOther)
		if err := e.Owner.Global(t.Context()).Raw("SELECT amount, anonymous, show_name FROM donations WHERE tenant_id = ? ORDER BY created_at DESC, id DESC LIMIT 1",
			g.TenantID).Row().Scan(&amount, &anonymous, &shown); err != nil {
			t.Fatal(err)
		}
		if amount != 7500000 || anonymous || !shown {
			t.Fatalf("recorded %d, anonymous %v, shown %v; want Rp 75.000 typed, named on the ledger", amount, anonymous, shown)
		}
	})
}
