package registry_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/testkit"
)

func TestKeyRotationAndDestruction(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		ctx := context.Background()
		g, other := e.SignupGroup("Rindu Sejahtera"), e.SignupGroup("Kasih Ibu")
		const nik = "5301084408790004"
		e.Logs.Forbid(nik)
		id := e.CreateBeneficiary(g, g.OwnerToken, map[string]any{"nik": nik, "monthly_income": 90000000})
		e.Do(http.MethodPost, beneficiariesURL(g)+"/"+id+"/assessments", g.OwnerToken, map[string]any{}).Expect(http.StatusCreated)
		theirs := e.CreateBeneficiary(other, other.OwnerToken, map[string]any{"nik": nik})
		scope := e.App.DB.Scope(g.TenantID)
		actor := audit.Actor{UserID: g.OwnerID}

		res, err := e.App.Registry.RotateKey(ctx, scope, actor)
		if err != nil {
			t.Fatalf("rotate: %v", err)
		}
		if res.Version != 2 || res.Records != 1 || res.Assessments != 1 || res.OldDestroyed != 1 {
			t.Fatalf("rotate = %+v", res)
		}
		if v := get(e, g, g.OwnerToken, id); v["nik"] != nik || v["monthly_income"] != float64(90000000) {
			t.Errorf("after rotation = %v", v)
		}
		if a := e.Do(http.MethodGet, beneficiariesURL(g)+"/"+id+"/assessments", g.OwnerToken, nil).Map()["items"].([]any); a[0].(map[string]any)["facts"] == nil {
			t.Error("assessment facts lost in rotation")
		}
		keys := rows(t, e, "SELECT version, LENGTH(wrapped_key) AS key_len, destroyed_at FROM tenant_keys WHERE tenant_id = ? ORDER BY version", g.TenantID)
		if len(keys) != 2 || testkit.Text(keys[0]["key_len"]) != "0" || keys[0]["destroyed_at"] == nil || keys[1]["destroyed_at"] != nil {
			t.Errorf("keys after rotation = %v", keys)
		}
		// The blind index moved to the new key: uniqueness still holds.
		e.Do(http.MethodPost, beneficiariesURL(g), g.OwnerToken, map[string]any{"name": "Lagi", "nik": nik}).ExpectProblem(http.StatusConflict, "nik_taken")

		// Destroying the keys crypto-shreds: records stay, personal data is
		// unreadable, and every answer says so without failing.
		if _, err := e.App.Registry.DestroyKeys(ctx, scope, actor); err != nil {
			t.Fatalf("destroy: %v", err)
		}
		v := get(e, g, g.OwnerToken, id)
		if v["personal_data"] != "unavailable" || v["nik"] != nil || v["monthly_income"] != nil || v["birth_year"] != float64(1985) {
			t.Errorf("after destroy = %v", v)
		}
		items := e.Do(http.MethodGet, beneficiariesURL(g), g.OwnerToken, nil).Expect(http.StatusOK).Map()["items"].([]any)
		if len(items) != 1 || items[0].(map[string]any)["personal_data"] != "unavailable" {
			t.Errorf("list after destroy = %v", items)
		}
		e.Do(http.MethodGet, beneficiariesURL(g)+"/"+id+"/export", g.OwnerToken, nil).Expect(http.StatusOK)
		e.Do(http.MethodGet, beneficiariesURL(g)+"/"+id+"/assessments", g.OwnerToken, nil).Expect(http.StatusOK)
		e.Do(http.MethodPost, beneficiariesURL(g)+"/"+id+"/assessments", g.OwnerToken, map[string]any{}).
			ExpectProblem(http.StatusConflict, "personal_data_unavailable")
		// A new key serves new records, and the NIK may be registered anew.
		e.CreateBeneficiary(g, g.OwnerToken, map[string]any{"nik": nik})
		if n := len(rows(t, e, "SELECT version FROM tenant_keys WHERE tenant_id = ? AND destroyed_at IS NULL", g.TenantID)); n != 1 {
			t.Errorf("%d live keys after destroy and a new record, want 1", n)
		}
		// The record can be corrected afresh.
		e.Do(http.MethodPatch, beneficiariesURL(g)+"/"+id, g.OwnerToken, map[string]any{"phone": "081234500000"}).Expect(http.StatusOK)
		e.Logs.Forbid("081234500000", "+6281234500000")
		// Another group is untouched.
		if v := get(e, other, other.OwnerToken, theirs); v["nik"] != nik {
			t.Errorf("other group's record = %v", v)
		}
	})
}
