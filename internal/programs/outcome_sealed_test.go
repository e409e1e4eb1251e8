package programs_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/testkit"
)

// rawOutcome is an outcomes row as the database holds it.
type rawOutcome struct {
	ID          string
	Indicator   string
	Value       int64
	ValueSealed string
	KeyVersion  int
}

func rawOutcomes(t *testing.T, e *testkit.Env, tenantID string) []rawOutcome {
	t.Helper()
	var rows []rawOutcome
	if err := e.Owner.Global(t.Context()).Raw(
		"SELECT id, indicator, value, value_sealed, key_version FROM outcomes WHERE tenant_id = ? ORDER BY indicator, period",
		tenantID).Scan(&rows).Error; err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestIncomeOutcomeSealed: a woman's monthly enterprise income is not in the
// outcomes table in clear, while every reader (progress, the month's sheet,
// the dashboard, the region's rollup) still sees it, also after the
// tenant's key is rotated. Days worked stay in clear.
func TestIncomeOutcomeSealed(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		const income, days = int64(345678912), int64(17)
		e.Logs.Forbid(strconv.FormatInt(income, 10), "3.456.789")
		g := e.SignupGroup("Rindu Sejahtera")
		base := "/api/v1/t/" + g.Slug
		facil := e.AddMember(g, access.Facilitator)
		pid := e.CreateProgram(g, g.OwnerToken, map[string]any{"template_key": "tenun-ikat", "starts_on": "2026-01-05"})["id"].(string)
		who := e.CreateBeneficiary(g, facil.Token, nil)
		e.Enroll(g, facil.Token, pid, who)
		e.RecordOutcome(g, facil.Token, who, "monthly_income", "2026-01", income-1000)
		e.RecordOutcome(g, facil.Token, who, "days_worked", "2026-01", days)
		// A correction through PUT seals the new value too.
		e.Do(http.MethodPut, base+"/beneficiaries/"+who+"/outcomes", facil.Token,
			map[string]any{"indicator": "monthly_income", "period": "2026-01", "value": income}).Expect(http.StatusOK)

		check := func(wantVersion int) {
			t.Helper()
			rows := rawOutcomes(t, e, g.TenantID)
			if len(rows) != 2 {
				t.Fatalf("rows = %+v", rows)
			}
			dw, inc := rows[0], rows[1]
			if dw.Indicator != "days_worked" || dw.Value != days || dw.ValueSealed != "" {
				t.Fatalf("days worked row = %+v", dw)
			}
			if inc.Indicator != "monthly_income" || inc.Value != 0 || inc.ValueSealed == "" || inc.KeyVersion != wantVersion ||
				strings.Contains(inc.ValueSealed, strconv.FormatInt(income, 10)) {
				t.Fatalf("income row = %+v", inc)
			}
			var hits int64
			if err := e.Owner.Global(t.Context()).Raw("SELECT COUNT(*) FROM outcomes WHERE value = ? OR value_sealed LIKE ?",
				income, "%"+strconv.FormatInt(income, 10)+"%").Scan(&hits).Error; err != nil || hits != 0 {
				t.Fatalf("income in clear: %d rows (%v)", hits, err)
			}
			prog := e.Do(http.MethodGet, base+"/beneficiaries/"+who+"/progress", facil.Token, nil).Expect(http.StatusOK).Map()
			seen := map[string]float64{}
			for _, in := range prog["programs"].([]any)[0].(map[string]any)["indicators"].([]any) {
				m := in.(map[string]any)
				if l, ok := m["latest"].(map[string]any); ok {
					seen[m["key"].(string)] = l["value"].(float64)
				}
			}
			if seen["monthly_income"] != float64(income) || seen["days_worked"] != float64(days) {
				t.Fatalf("progress shows %v", seen)
			}
			sheet, err := e.App.Programs.PeriodOutcomes(t.Context(), e.App.DB.Scope(g.TenantID), audit.Actor{UserID: facil.UserID}, pid, "2026-01")
			if err != nil || len(sheet) != 2 {
				t.Fatalf("sheet = %+v, %v", sheet, err)
			}
			for _, o := range sheet {
				if o.Indicator == "monthly_income" && o.Value != income {
					t.Fatalf("sheet income = %d", o.Value)
				}
			}
		}
		check(1)

		if _, err := e.App.Registry.RotateKey(t.Context(), e.App.DB.Scope(g.TenantID), audit.Actor{UserID: g.OwnerID}); err != nil {
			t.Fatal(err)
		}
		check(2)
	})
}
