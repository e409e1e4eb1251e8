package registry_test

import (
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/testkit"
)

// TestErasureReachesProgramData: erasing a woman destroys what other
// features hold about her too. Her income and other outcomes are gone from
// every reader (her outcomes, her progress, the program's progress) and
// from the database; her attendance survives only as an anonymous count
// on each activity; she leaves her programs and cannot be measured again;
// the audit entry says what kinds were erased and how many, never values.
func TestErasureReachesProgramData(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		const income = int64(287654321)
		e.Logs.Forbid(strconv.FormatInt(income, 10))
		g := e.SignupGroup("Rindu Sejahtera")
		base := "/api/v1/t/" + g.Slug
		pid := e.CreateProgram(g, g.OwnerToken, map[string]any{"template_key": "tenun-ikat", "starts_on": "2026-01-05"})["id"].(string)
		her := e.CreateBeneficiary(g, g.OwnerToken, map[string]any{"monthly_income": income})
		other := e.CreateBeneficiary(g, g.OwnerToken, nil)
		for _, who := range []string{her, other} {
			e.Do(http.MethodPost, base+"/programs/"+pid+"/enrollments", g.OwnerToken,
				map[string]any{"beneficiary_id": who, "enrolled_on": "2026-01-05"}).Expect(http.StatusCreated)
		}
		act := e.RecordActivity(g, g.OwnerToken, pid, "pelatihan", time.Now().UTC().AddDate(0, 0, -2).Format(time.DateOnly))
		e.Do(http.MethodPut, base+"/activities/"+act+"/attendance", g.OwnerToken,
			map[string]any{"present": []string{her, other}}).Expect(http.StatusOK)
		e.RecordOutcome(g, g.OwnerToken, her, "monthly_income", "2026-01", income)
		e.RecordOutcome(g, g.OwnerToken, her, "monthly_income", "2026-02", income+1)
		e.RecordOutcome(g, g.OwnerToken, her, "days_worked", "2026-01", 17)
		e.RecordOutcome(g, g.OwnerToken, other, "days_worked", "2026-01", 9)

		readers := []string{base + "/beneficiaries/" + her + "/outcomes", base + "/beneficiaries/" + her + "/progress",
			base + "/programs/" + pid + "/progress"}
		for _, u := range readers {
			if b := e.Do(http.MethodGet, u, g.OwnerToken, nil).Expect(http.StatusOK).Body; !strings.Contains(string(b), strconv.FormatInt(income, 10)) {
				t.Fatalf("before erasure %s does not show her income: %s", u, b)
			}
		}

		e.Do(http.MethodPost, base+"/beneficiaries/"+her+"/erase", g.OwnerToken, nil).Expect(http.StatusOK)

		for _, u := range readers {
			b := string(e.Do(http.MethodGet, u, g.OwnerToken, nil).Expect(http.StatusOK).Body)
			if strings.Contains(b, strconv.FormatInt(income, 10)) || strings.Contains(b, strconv.FormatInt(income+1, 10)) {
				t.Errorf("after erasure %s still shows her income: %s", u, b)
			}
		}
		if items := e.Do(http.MethodGet, readers[0], g.OwnerToken, nil).Map()["items"].([]any); len(items) != 0 {
			t.Errorf("her outcomes after erasure = %v", items)
		}
		if n := len(rows(t, e, "SELECT id FROM outcomes WHERE tenant_id = ? AND beneficiary_id = ?", g.TenantID, her)); n != 0 {
			t.Errorf("%d outcome rows of hers remain", n)
		}
		if n := len(rows(t, e, "SELECT id FROM activity_attendance WHERE tenant_id = ? AND beneficiary_id = ?", g.TenantID, her)); n != 0 {
			t.Errorf("%d attendance rows of hers remain", n)
		}
		// The other member's data and the activity's head count stay.
		if n := len(rows(t, e, "SELECT id FROM outcomes WHERE tenant_id = ? AND beneficiary_id = ?", g.TenantID, other)); n != 1 {
			t.Errorf("the other member has %d outcomes, want 1", n)
		}
		// The region's attendance rate neither expects her nor counts her:
		// both present before, the other one present after.
		e.RefreshFigures()
		if f := rows(t, e, "SELECT attendance_rate_90d FROM group_figures WHERE tenant_id = ?", g.TenantID); len(f) != 1 ||
			testkit.Text(f[0]["attendance_rate_90d"]) != "1" {
			t.Errorf("attendance rate after erasure = %v, want 1", f)
		}
		a := e.Do(http.MethodGet, base+"/activities/"+act, g.OwnerToken, nil).Expect(http.StatusOK).Map()
		if a["present_count"] != float64(2) {
			t.Errorf("activity present count after erasure = %v, want 2", a["present_count"])
		}
		acts := e.Do(http.MethodGet, base+"/programs/"+pid+"/activities", g.OwnerToken, nil).Expect(http.StatusOK).Map()["items"].([]any)
		if len(acts) != 1 || acts[0].(map[string]any)["present_count"] != float64(2) {
			t.Errorf("activities after erasure = %v", acts)
		}
		// Marking attendance again keeps her anonymous presence.
		e.Do(http.MethodPut, base+"/activities/"+act+"/attendance", g.OwnerToken,
			map[string]any{"present": []string{other}}).Expect(http.StatusOK)
		if a := e.Do(http.MethodGet, base+"/activities/"+act, g.OwnerToken, nil).Map(); a["present_count"] != float64(2) {
			t.Errorf("present count after re-marking = %v, want 2", a["present_count"])
		}
		// Nothing about her can be measured or enrolled again.
		e.Do(http.MethodPost, base+"/beneficiaries/"+her+"/outcomes", g.OwnerToken,
			map[string]any{"indicator": "monthly_income", "period": "2026-03", "value": 5}).ExpectProblem(http.StatusConflict, "erased")
		e.Do(http.MethodPost, base+"/programs/"+pid+"/enrollments", g.OwnerToken,
			map[string]any{"beneficiary_id": her}).ExpectProblem(http.StatusConflict, "erased")
		if m := e.Do(http.MethodGet, base+"/programs/"+pid+"/enrollments", g.OwnerToken, nil).Map()["items"].([]any); len(m) != 1 {
			t.Errorf("members after erasure = %v, want only the other one", m)
		}

		var fields []string
		for _, r := range rows(t, e, "SELECT fields FROM audit_events WHERE tenant_id = ? AND entity_id = ? AND action = 'erase'", g.TenantID, her) {
			fields = strings.Split(testkit.Text(r["fields"]), ",")
		}
		for _, want := range []string{"monthly_income", "outcomes:3", "attendance:1", "enrollments_ended:1"} {
			if !slices.Contains(fields, want) {
				t.Errorf("erase audit fields = %v, missing %s", fields, want)
			}
		}
	})
}

// TestErasureCoversEveryTableThatReferencesBeneficiaries walks the schema:
// every table with a beneficiary_id column or a foreign key to
// beneficiaries must be named by erasure (the registry's own tables or an
// owner's eraser), so a new table with personal data about a woman cannot
// be forgotten by erasure.
func TestErasureCoversEveryTableThatReferencesBeneficiaries(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		var found []string
		q := `SELECT DISTINCT table_name AS name FROM information_schema.columns
				WHERE table_schema = 'public' AND column_name = 'beneficiary_id'
			UNION SELECT DISTINCT c.conrelid::regclass::text FROM pg_constraint c
				WHERE c.contype = 'f' AND c.confrelid = 'beneficiaries'::regclass`
		if e.Dialect == db.SQLite {
			q = `SELECT DISTINCT m.name FROM sqlite_master m, pragma_table_info(m.name) c
				WHERE m.type = 'table' AND c.name = 'beneficiary_id'
			UNION SELECT DISTINCT m.name FROM sqlite_master m, pragma_foreign_key_list(m.name) f
				WHERE m.type = 'table' AND f."table" = 'beneficiaries'`
		}
		if err := e.Owner.Global(t.Context()).Raw(q).Scan(&found).Error; err != nil {
			t.Fatal(err)
		}
		if len(found) < 4 {
			t.Fatalf("schema walk found only %v", found)
		}
		handled := e.App.Registry.ErasureTables()
		sort.Strings(found)
		for _, table := range found {
			if !slices.Contains(handled, table) {
				t.Errorf("table %s references beneficiaries but erasure does not handle it (handled: %v)", table, handled)
			}
		}
	})
}
