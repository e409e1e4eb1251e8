package partners_test

import (
	"net/http"
	"testing"

	"github.com/peduli/peduli/internal/testkit"
)

// TestPageAndAPIRefuseTheSame: the partner form and the API refuse the same
// bad input on the same fields, all in one answer (the form used to stop
// at an unreadable amount), because the service's rules decide both.
func TestPageAndAPIRefuseTheSame(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Aturan Mitra")
		base := "/t/" + g.Slug + "/partners"
		owner := e.BrowserAs(g.OwnerToken)

		owner.Get(base + "/new").Expect(http.StatusOK)
		page := owner.Post(base, testkit.Form("kind", "", "name", "", "contact_phone", "12", "contact_email", "bukan-surel",
			"mou_starts_on", "2026-03-01", "mou_ends_on", "2026-01-01", "contribution_value", "satu juta", "notes", "Catatan"))
		page.Contains("Tulis nomor HP Indonesia", "Tulis jumlah dengan angka, misalnya 500.000", `value="satu juta"`, "Catatan")
		res := e.Do(http.MethodPost, "/api/v1"+base, g.OwnerToken, map[string]any{"kind": "", "name": "", "contact_phone": "12",
			"contact_email": "bukan-surel", "mou_starts_on": "2026-03-01", "mou_ends_on": "2026-01-01", "contribution_value": -5})
		testkit.SameRefusal(t, page, res, "kind", "name", "contact_phone", "contact_email", "mou_ends_on", "contribution_value")
		if n := e.CountRows("partners", g.TenantID); n != 0 {
			t.Fatalf("%d partners written on bad input", n)
		}
	})
}
