package registry_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/peduli/peduli/internal/testkit"
)

func TestExportAndErasure(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Rindu Sejahtera")
		base := beneficiariesURL(g)
		const nik, phone = "5301086506880003", "+6285212345678"
		e.Logs.Forbid(nik, phone, "085212345678", "120000000")
		id := e.CreateBeneficiary(g, g.OwnerToken, map[string]any{"nik": nik, "phone": "085212345678",
			"monthly_income": 120000000, "kk_number": "5301080202200002", "address": "RT 03 Penfui", "disability": true,
			"birth_date": "1988-06-25", "occupation": "penenun"})
		e.CreateBeneficiary(g, g.OwnerToken, map[string]any{"consent": map[string]any{"purposes": []string{"services"}}})
		e.CreateBeneficiary(g, g.OwnerToken, nil)
		e.Do(http.MethodPatch, base+"/"+id, g.OwnerToken, map[string]any{"consent": map[string]any{"purposes": []string{"services", "reporting"}}}).
			Expect(http.StatusOK)
		e.Do(http.MethodPost, base+"/"+id+"/assessments", g.OwnerToken, map[string]any{"assessed_on": "2026-02-01"}).Expect(http.StatusCreated)

		// Data-subject export: everything, in full, audited.
		res := e.Do(http.MethodGet, base+"/"+id+"/export", g.OwnerToken, nil).Expect(http.StatusOK)
		x := res.Map()
		b := x["beneficiary"].(map[string]any)
		if b["nik"] != nik || b["phone"] != phone || b["disability"] != true || b["personal_data"] != "full" {
			t.Errorf("export beneficiary = %v", b)
		}
		if c := x["consents"].([]any); len(c) != 2 {
			t.Errorf("export consents = %v", c)
		}
		as := x["assessments"].([]any)
		if len(as) != 1 || as[0].(map[string]any)["facts"] == nil {
			t.Errorf("export assessments = %v", as)
		}
		var actions []string
		for _, h := range x["history"].([]any) {
			actions = append(actions, h.(map[string]any)["action"].(string))
		}
		if !slices.Contains(actions, "create") || !slices.Contains(actions, "consent") {
			t.Errorf("export history = %v", actions)
		}
		if !strings.Contains(res.Header.Get("Content-Disposition"), "attachment") {
			t.Error("export is not offered as a file")
		}
		if a := auditActions(t, e, g.TenantID, id); a[len(a)-1] != "export" {
			t.Errorf("export not audited: %v", a)
		}

		reportable := func() int {
			return len(rows(t, e, "SELECT id FROM reportable_beneficiaries WHERE tenant_id = ?", g.TenantID))
		}
		if n := reportable(); n != 2 {
			t.Fatalf("reportable before erasure = %d, want 2", n)
		}

		// Erasure: personal data destroyed, anonymous facts and counts kept.
		er := e.Do(http.MethodPost, base+"/"+id+"/erase", g.OwnerToken, nil).Expect(http.StatusOK).Map()
		if er["name"] != "[erased]" || er["personal_data"] != "erased" || er["erased_at"] == nil || er["nik"] != nil {
			t.Fatalf("erased = %v", er)
		}
		v := get(e, g, g.OwnerToken, id)
		if v["personal_data"] != "erased" || v["nik"] != nil || v["phone"] != nil || v["monthly_income"] != nil ||
			v["birth_year"] != float64(1988) || v["village"] != "Penfui Timur" || v["eligible_prse"] != true || v["occupation"] != "" {
			t.Errorf("after erasure = %v", v)
		}
		row := rows(t, e, "SELECT * FROM beneficiaries WHERE tenant_id = ? AND id = ?", g.TenantID, id)[0]
		for _, col := range []string{"nik_sealed", "kk_sealed", "birth_date_sealed", "phone_sealed", "address_sealed", "income_sealed", "disability_sealed"} {
			if testkit.Text(row[col]) != "" {
				t.Errorf("%s not destroyed", col)
			}
		}
		if row["nik_index"] != nil || row["kk_index"] != nil {
			t.Error("blind indexes not cleared")
		}
		if f := rows(t, e, "SELECT facts_sealed FROM assessments WHERE tenant_id = ?", g.TenantID); testkit.Text(f[0]["facts_sealed"]) != "" {
			t.Error("assessment facts not destroyed")
		}
		list := e.Do(http.MethodGet, base, g.OwnerToken, nil).Expect(http.StatusOK).Map()["items"].([]any)
		if len(list) != 3 || reportable() != 2 {
			t.Errorf("counts changed by erasure: %d listed, %d reportable", len(list), reportable())
		}
		// Nothing personal can be put back into an erased record, and it
		// cannot be assessed again; erasing twice is harmless.
		e.Do(http.MethodPatch, base+"/"+id, g.OwnerToken, map[string]any{"phone": "081234567890"}).ExpectProblem(http.StatusConflict, "erased")
		e.Do(http.MethodPost, base+"/"+id+"/assessments", g.OwnerToken, map[string]any{}).ExpectProblem(http.StatusConflict, "erased")
		e.Do(http.MethodPost, base+"/"+id+"/erase", g.OwnerToken, nil).Expect(http.StatusOK)
		if x := e.Do(http.MethodGet, base+"/"+id+"/export", g.OwnerToken, nil).Expect(http.StatusOK).Map(); strings.Contains(testkit.Text(x["beneficiary"].(map[string]any)["nik"]), "5301") {
			t.Error("export after erasure shows the NIK")
		}
		// Her NIK is free again: she may come back as a new record.
		e.CreateBeneficiary(g, g.OwnerToken, map[string]any{"nik": nik})
		if a := auditActions(t, e, g.TenantID, id); !slices.Contains(a, "erase") {
			t.Errorf("erasure not audited: %v", a)
		}
	})
}

// TestReportingConsentView checks the way other features tell who may be
// counted outside her group.
func TestReportingConsentView(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Rindu Sejahtera")
		yes := e.CreateBeneficiary(g, g.OwnerToken, nil)
		no := e.CreateBeneficiary(g, g.OwnerToken, map[string]any{"consent": map[string]any{"purposes": []string{"services"}}})
		none := e.CreateBeneficiary(g, g.OwnerToken, map[string]any{"consent": nil})
		gone := e.CreateBeneficiary(g, g.OwnerToken, nil)
		e.Do(http.MethodDelete, beneficiariesURL(g)+"/"+gone, g.OwnerToken, nil).Expect(http.StatusNoContent)
		got := rows(t, e, "SELECT id FROM reportable_beneficiaries WHERE tenant_id = ?", g.TenantID)
		if len(got) != 1 || testkit.Text(got[0]["id"]) != yes {
			t.Errorf("reportable = %v, want only %s (not %s, %s, %s)", got, yes, no, none, gone)
		}
		// Withdrawing consent takes her out at once.
		e.Do(http.MethodPatch, beneficiariesURL(g)+"/"+yes, g.OwnerToken, map[string]any{"consent": map[string]any{"purposes": []string{}}}).Expect(http.StatusOK)
		if got := rows(t, e, "SELECT id FROM reportable_beneficiaries WHERE tenant_id = ?", g.TenantID); len(got) != 0 {
			t.Errorf("reportable after withdrawal = %v", got)
		}
		if v := get(e, g, g.OwnerToken, none); len(v["consent"].(map[string]any)["purposes"].([]any)) != 0 || v["consent"].(map[string]any)["recorded_at"] != nil {
			t.Errorf("no consent recorded = %v", v["consent"])
		}
	})
}
