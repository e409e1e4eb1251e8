package programs_test

import (
	"testing"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/programs"
	"github.com/peduli/peduli/internal/testkit"
)

// TestRecordOutcomesAllOrNothing: a month's sheet is saved in one
// transaction with one audit row; one value for someone who is not a member
// saves nothing, and another tenant's program is not found.
func TestRecordOutcomesAllOrNothing(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g, other := e.SignupGroup("Rindu Sejahtera"), e.SignupGroup("Kasih Ibu")
		facil := e.AddMember(g, access.Facilitator)
		e.Logs.Forbid("98765400")
		pid := e.CreateProgram(g, g.OwnerToken, map[string]any{"template_key": "tenun-ikat", "starts_on": "2026-01-05"})["id"].(string)
		theirs := e.CreateProgram(other, other.OwnerToken, map[string]any{"template_key": "tenun-ikat", "starts_on": "2026-01-05"})["id"].(string)
		a, b := e.CreateBeneficiary(g, facil.Token, nil), e.CreateBeneficiary(g, facil.Token, nil)
		outsider := e.CreateBeneficiary(g, facil.Token, nil)
		e.Enroll(g, facil.Token, pid, a)
		e.Enroll(g, facil.Token, pid, b)
		ctx, scope, actor := t.Context(), e.App.DB.Scope(g.TenantID), audit.Actor{UserID: facil.UserID}
		sheet := []programs.OutcomeValue{
			{BeneficiaryID: a, Indicator: "monthly_income", Value: 98765400},
			{BeneficiaryID: b, Indicator: "pieces_sold", Value: 4},
		}
		audits := func() int64 {
			var n int64
			if err := e.Owner.Global(ctx).Table("audit_events").Where("tenant_id = ? AND entity = ? AND entity_id = ?",
				g.TenantID, "program", pid).Count(&n).Error; err != nil {
				t.Fatal(err)
			}
			return n
		}
		before := audits()

		bad := append(append([]programs.OutcomeValue{}, sheet...), programs.OutcomeValue{BeneficiaryID: outsider, Indicator: "pieces_sold", Value: 1})
		if err := e.App.Programs.RecordOutcomes(ctx, scope, actor, pid, "2026-02", bad); err == nil {
			t.Fatal("a value for a non-member was accepted")
		}
		bad = append(append([]programs.OutcomeValue{}, sheet...), programs.OutcomeValue{BeneficiaryID: b, Indicator: "no_such", Value: 1})
		if err := e.App.Programs.RecordOutcomes(ctx, scope, actor, pid, "2026-02", bad); err == nil {
			t.Fatal("an unknown indicator was accepted")
		}
		if err := e.App.Programs.RecordOutcomes(ctx, scope, actor, theirs, "2026-02", sheet); err == nil {
			t.Fatal("another tenant's program was written")
		}
		if n := e.CountRows("outcomes", g.TenantID); n != 0 {
			t.Fatalf("%d outcomes written by refused sheets", n)
		}

		if err := e.App.Programs.RecordOutcomes(ctx, scope, actor, pid, "2026-02", sheet); err != nil {
			t.Fatal(err)
		}
		if n := audits() - before; n != 1 {
			t.Fatalf("%d audit rows for one sheet", n)
		}
		got, err := e.App.Programs.PeriodOutcomes(ctx, scope, actor, pid, "2026-02")
		if err != nil || len(got) != 2 {
			t.Fatalf("period outcomes = %+v, %v", got, err)
		}
		values := map[string]int64{}
		for _, o := range got {
			values[o.BeneficiaryID+"/"+o.Indicator] = o.Value
		}
		if values[a+"/monthly_income"] != 98765400 || values[b+"/pieces_sold"] != 4 {
			t.Fatalf("period outcomes = %v", values)
		}
		if n := audits() - before; n != 2 {
			t.Fatalf("the sheet's read was not audited once: %d rows", n)
		}
		var clear int64
		if err := e.Owner.Global(ctx).Raw("SELECT COUNT(*) FROM outcomes WHERE value = ? OR value_sealed LIKE ?",
			98765400, "%98765400%").Scan(&clear).Error; err != nil || clear != 0 {
			t.Fatalf("%d rows hold the income in clear (%v)", clear, err)
		}
	})
}
