package registry_test

import (
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

func TestBeneficiaryCRUDKeepsPersonalDataSealed(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Rindu Sejahtera")
		base := beneficiariesURL(g)
		const nik, kk, phone, income, address = "5301084107850001", "5301080101100001", "+6281234567890", 75000000, "Jl. Timor Raya nomor 12"
		e.Logs.Forbid(nik, kk, phone, "081234567890", "75000000", address)

		created := e.Do(http.MethodPost, base, g.OwnerToken, map[string]any{
			"name": "Yuliana Bria", "nik": nik, "kk_number": "5301 0801 0110 0001", "phone": "0812-3456-7890",
			"address": address, "village": "Penfui Timur", "marital_status": "abandoned", "household_head": true,
			"dependents": 3, "education": "primary", "occupation": "penenun", "monthly_income": income, "disability": false,
			"consent": map[string]any{"purposes": []string{"services", "reporting"}},
		}).Expect(http.StatusCreated).Map()
		id := testkit.Str(created, "id")
		if created["nik"] != nik || created["kk_number"] != kk || created["birth_date"] != "1985-07-01" {
			t.Fatalf("created = %v", created)
		}
		consent := created["consent"].(map[string]any)
		if p := consent["purposes"].([]any); len(p) != 2 || consent["recorded_by"] != g.OwnerID || consent["recorded_at"] == nil {
			t.Fatalf("consent = %v", consent)
		}

		got := get(e, g, g.OwnerToken, id)
		for k, want := range map[string]any{"name": "Yuliana Bria", "nik": nik, "kk_number": kk, "phone": phone,
			"address": address, "monthly_income": float64(income), "disability": false, "birth_date": "1985-07-01",
			"birth_year": float64(1985), "marital_status": "abandoned", "household_head": true, "dependents": float64(3),
			"education": "primary", "occupation": "penenun", "village": "Penfui Timur", "personal_data": "full"} {
			if got[k] != want {
				t.Errorf("%s = %v, want %v", k, got[k], want)
			}
		}
		if a := auditActions(t, e, g.TenantID, id); !slices.Equal(a, []string{"create", "read_personal"}) {
			t.Errorf("audit = %v, want create then read_personal", a)
		}

		// No personal value is stored in clear: not in any column, and on
		// SQLite not anywhere in the database files.
		secrets := []string{nik, kk, phone, "75000000", "Timor Raya", "1985-07-01"}
		for _, table := range []string{"beneficiaries", "audit_events", "beneficiary_consents"} {
			for _, r := range rows(t, e, "SELECT * FROM "+table+" WHERE tenant_id = ?", g.TenantID) {
				for col, v := range r {
					for _, s := range secrets {
						if strings.Contains(testkit.Text(v), s) {
							t.Errorf("%s.%s holds a personal value in clear", table, col)
						}
					}
				}
			}
		}
		if e.Dialect == db.SQLite {
			files, _ := filepath.Glob(filepath.Join(e.App.Config.DataDir, "peduli.db*"))
			if len(files) == 0 {
				t.Fatal("no database file found")
			}
			for _, f := range files {
				b, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				for _, s := range secrets {
					if bytes.Contains(b, []byte(s)) {
						t.Errorf("%s contains a personal value in clear", filepath.Base(f))
					}
				}
			}
		}

		// Lists mask the NIK and phone and hide the rest.
		list := e.Do(http.MethodGet, base, g.OwnerToken, nil).Expect(http.StatusOK).Map()
		items := list["items"].([]any)
		if len(items) != 1 || list["next_cursor"] != nil {
			t.Fatalf("list = %v", list)
		}
		item := items[0].(map[string]any)
		if item["nik"] != "5301********0001" || item["phone"] != "+62 8** **** 7890" || item["kk_number"] != nil ||
			item["monthly_income"] != nil || item["address"] != nil || item["personal_data"] != "masked" {
			t.Errorf("list item = %v", item)
		}
		if strings.Contains(string(e.Do(http.MethodGet, base, g.OwnerToken, nil).Body), nik) {
			t.Error("the list shows a whole NIK")
		}

		// Update: only the changed fields are named in the audit log.
		upd := e.Do(http.MethodPatch, base+"/"+id, g.OwnerToken, map[string]any{"phone": "0813 1111 2222", "dependents": 3,
			"monthly_income": 80000000, "consent": map[string]any{"purposes": []string{"services"}}}).Expect(http.StatusOK).Map()
		e.Logs.Forbid("+6281311112222", "80000000")
		if upd["phone"] != "+6281311112222" || upd["monthly_income"] != float64(80000000) || upd["nik"] != nik {
			t.Fatalf("updated = %v", upd)
		}
		ev := rows(t, e, "SELECT fields FROM audit_events WHERE tenant_id = ? AND entity_id = ? AND action = 'update'", g.TenantID, id)
		if len(ev) != 1 || testkit.Text(ev[0]["fields"]) != "phone,monthly_income" {
			t.Errorf("update audit = %v", ev)
		}
		if n := len(rows(t, e, "SELECT * FROM beneficiary_consents WHERE tenant_id = ? AND beneficiary_id = ?", g.TenantID, id)); n != 2 {
			t.Errorf("consent history has %d rows, want 2", n)
		}
		if p := get(e, g, g.OwnerToken, id)["consent"].(map[string]any)["purposes"].([]any); len(p) != 1 || p[0] != "services" {
			t.Errorf("purposes after update = %v", p)
		}

		// Soft delete: gone from reads and lists, row kept, NIK free again.
		e.Do(http.MethodDelete, base+"/"+id, g.OwnerToken, nil).Expect(http.StatusNoContent)
		e.Do(http.MethodGet, base+"/"+id, g.OwnerToken, nil).ExpectProblem(http.StatusNotFound, "not_found")
		e.Do(http.MethodDelete, base+"/"+id, g.OwnerToken, nil).ExpectProblem(http.StatusNotFound, "not_found")
		if n := len(e.Do(http.MethodGet, base, g.OwnerToken, nil).Map()["items"].([]any)); n != 0 {
			t.Errorf("list after delete has %d items", n)
		}
		if count(t, e, "beneficiaries", g.TenantID) != 1 {
			t.Error("soft delete removed the row")
		}
		e.CreateBeneficiary(g, g.OwnerToken, map[string]any{"nik": nik})
	})
}

func TestNIKUniquePerTenant(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		a, b := e.SignupGroup("Rindu Sejahtera"), e.SignupGroup("Kasih Ibu")
		const nik = "5301085203900002"
		e.Logs.Forbid(nik)
		e.CreateBeneficiary(a, a.OwnerToken, map[string]any{"nik": nik})
		p := e.Do(http.MethodPost, beneficiariesURL(a), a.OwnerToken, map[string]any{"name": "Dua Kali", "nik": "5301 0852 0390 0002"}).
			ExpectProblem(http.StatusConflict, "nik_taken")
		if strings.Contains(testkit.Text(p["detail"]), "5301") {
			t.Errorf("problem repeats the NIK: %v", p)
		}
		if n := count(t, e, "beneficiaries", a.TenantID); n != 1 {
			t.Errorf("tenant a has %d beneficiaries, want 1", n)
		}
		// The same person may be served by another group.
		e.CreateBeneficiary(b, b.OwnerToken, map[string]any{"nik": nik})
		// Changing another record to a taken NIK is refused as well.
		other := e.CreateBeneficiary(a, a.OwnerToken, nil)
		e.Do(http.MethodPatch, beneficiariesURL(a)+"/"+other, a.OwnerToken, map[string]any{"nik": nik}).
			ExpectProblem(http.StatusConflict, "nik_taken")
	})
}
