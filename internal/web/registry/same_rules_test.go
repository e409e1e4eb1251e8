package registry_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/testkit"
)

// TestPageAndAPIRefuseTheSame: the register and edit forms and the API
// refuse the same bad input on the same fields, every field in one answer,
// because the service's rules decide both.
func TestPageAndAPIRefuseTheSame(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Aturan")
		fac := e.Team(g)[access.Facilitator].Token
		b := e.BrowserAs(fac)
		base := "/t/" + g.Slug + "/beneficiaries"
		api := "/api/v1" + base
		future := time.Now().AddDate(0, 0, 3).Format(time.DateOnly)

		b.Get(base + "/new")
		page := b.Post(base, testkit.Form("name", "", "nik", "1234", "kk_number", "12", "phone", "12",
			"birth_date", future, "dependents", "99", "village", "Oesao", "consent_services", "on"))
		page.Contains("NIK harus 16 angka", "Tulis nomor HP Indonesia", "Tulis angka 0 sampai 50.", `value="Oesao"`)
		res := e.Do(http.MethodPost, api, fac, map[string]any{"name": "", "nik": "1234", "kk_number": "12", "phone": "12",
			"birth_date": future, "dependents": 99, "village": "Oesao", "consent": map[string]any{"purposes": []string{"services"}}})
		testkit.SameRefusal(t, page, res, "name", "nik", "kk_number", "phone", "birth_date", "dependents")
		if n := e.CountRows("beneficiaries", g.TenantID); n != 0 {
			t.Fatalf("%d beneficiaries written on bad input", n)
		}

		// An edit may not blank her name or NIK.
		id := e.CreateBeneficiary(g, fac, nil)
		b.Get(base + "/" + id + "/edit")
		page = b.Post(base+"/"+id, testkit.Form("name", "", "nik", "", "phone", "12", "village", "Oesao", "consent_services", "on"))
		res = e.Do(http.MethodPatch, api+"/"+id, fac, map[string]any{"name": "", "nik": "", "phone": "12"})
		testkit.SameRefusal(t, page, res, "name", "nik", "phone")
	})
}
