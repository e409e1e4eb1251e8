package registry_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/peduli/peduli/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

func TestCreateAndGetBeneficiary(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Rindu Sejahtera")
		base := "/api/v1/t/" + g.Slug + "/beneficiaries"
		nik := "5301084107850001"
		phone := "+6281234567890"
		e.Logs.Forbid(nik, phone, "081234567890")
		id := e.CreateBeneficiary(g, g.OwnerToken, map[string]any{"nik": nik, "phone": "0812 3456 7890",
			"kk_number": "5301080101100001", "monthly_income": 75000000, "address": "Jl. Timor Raya 12"})
		got := e.Do(http.MethodGet, base+"/"+id, g.OwnerToken, nil).Expect(http.StatusOK).Map()
		if got["nik"] != nik || got["phone"] != phone || got["monthly_income"] != float64(75000000) ||
			got["birth_date"] != "1985-07-01" || got["personal_data"] != "full" {
			t.Fatalf("full read = %v", got)
		}
		var raw []map[string]any
		if err := e.Owner.Global(context.Background()).Raw("SELECT * FROM beneficiaries WHERE id = ?", id).Scan(&raw).Error; err != nil {
			t.Fatal(err)
		}
		if len(raw) != 1 {
			t.Fatalf("rows = %d", len(raw))
		}
		for k, v := range raw[0] {
			s := testkit.Text(v)
			for _, secret := range []string{nik, phone, "5301080101100001", "75000000", "Jl. Timor"} {
				if s != "" && strings.Contains(s, secret) {
					t.Errorf("column %s holds a personal value in clear", k)
				}
			}
		}
	})
}

