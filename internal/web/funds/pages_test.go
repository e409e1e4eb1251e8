package funds_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/peduli/peduli/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

func TestPublicMoneyPages(t *testing.T) {
	testkit.RunStripe(t, func(t *testing.T, e *testkit.Env) {
		e.Logs.Forbid("sari.donatur@example.org")
		g := e.ProvisionedGroup("rindu-sejahtera")
		program := testkit.Str(e.CreateProgram(g, g.OwnerToken, map[string]any{"template_key": "tenun-ikat", "starts_on": "2026-01-05"}), "id")

		b := e.Browser()
		b.Get("/g/rindu-sejahtera").Expect(http.StatusOK).Contains("Rindu Sejahtera", "Donasi sekarang", "Terverifikasi", "/g/rindu-sejahtera/ledger")
		en := e.Browser()
		en.AcceptLanguage = "en"
		en.Get("/g/rindu-sejahtera").Expect(http.StatusOK).Contains("Donate now", "Our programs")

		b.Get("/g/rindu-sejahtera/donate?program="+program).Expect(http.StatusOK).Contains("Lanjut ke pembayaran", program)
		res := b.Post("/g/rindu-sejahtera/donate", testkit.Form("amount", "150.000", "interval", "once", "program_id", program,
			"donor.name", "Sari", "donor.email", "sari.donatur@example.org", "show_name", "1"))
		res.Expect(http.StatusSeeOther)
		if !strings.HasPrefix(res.Location(), "https://") {
			t.Fatalf("not sent to Stripe Checkout: %q", res.Location())
		}
		var amount int64
		var prog string
		e.Owner.Global(t.Context()).Raw("SELECT amount, program_id FROM donations WHERE tenant_id = ? ORDER BY id DESC LIMIT 1", g.TenantID).Row().Scan(&amount, &prog)
		if amount != 15000000 || prog != program {
			t.Fatalf("recorded %d for %s", amount, prog)
		}

		// too small: the form comes back with the rule, nothing recorded
		n := e.CountRows("donations", g.TenantID)
		b.Get("/g/rindu-sejahtera/donate").Expect(http.StatusOK)
		b.Post("/g/rindu-sejahtera/donate", testkit.Form("amount", "500", "interval", "once", "donor.name", "Sari")).
			Expect(http.StatusUnprocessableEntity).Contains("Minimal Rp 10.000")
		b.Post("/g/rindu-sejahtera/donate", testkit.Form("amount", "50000", "_csrf", "forged")).Expect(http.StatusForbidden)
		if m := e.CountRows("donations", g.TenantID); m != n {
			t.Fatalf("refused forms recorded %d donations", m-n)
		}

		b.Get("/g/rindu-sejahtera/ledger").Expect(http.StatusOK).Contains("Buku kas terbuka", "Biaya operasional").Lacks("sari.donatur")

		// an unverified group explains why and offers the cash route
		fresh := e.SignupGroup("Kelompok Baru")
		b.Get("/g/"+fresh.Slug).Expect(http.StatusOK).Contains("belum diverifikasi", "tunai").Lacks("Donasi sekarang")
		b.Get("/g/" + fresh.Slug + "/donate").Expect(http.StatusOK).Lacks("Lanjut ke pembayaran")
		b.Get("/g/no-such-group").Expect(http.StatusNotFound)
	})
}
