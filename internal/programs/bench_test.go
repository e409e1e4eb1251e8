package programs_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/platform/clock"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/programs"
	"github.com/peduli/peduli/internal/testkit"
)

// BenchmarkProgramPages measures the program pages of one large program —
// 1,000 members, 20 activities with attendance, 12 months of income for
// everyone (12,000 outcomes) — over HTTP: time and SQL statements per
// request (on PostgreSQL BEGIN, set_config and COMMIT come on top).
// Rows are inserted directly; the routes under test read them as usual.
func BenchmarkProgramPages(b *testing.B) {
	for _, d := range testkit.Dialects(b) {
		b.Run(string(d), func(b *testing.B) {
			e := testkit.New(b, d)
			g := e.SignupGroup("Rindu Sejahtera")
			pid := e.CreateProgram(g, g.OwnerToken, map[string]any{"template_key": "tenun-ikat", "starts_on": "2025-01-05"})["id"].(string)
			members, activity := seedProgram(b, e, g, pid, 1000)
			queries := testkit.CountStatements(b, e.App.DB.Global(context.Background()))
			base := "/api/v1/t/" + g.Slug
			for _, c := range programPageRequests(base, pid, activity, members) {
				b.Run(c.name, func(b *testing.B) {
					send := func() {
						var body io.Reader
						if c.body != "" {
							body = strings.NewReader(c.body)
						}
						req := httptest.NewRequest(c.method, c.url, body)
						req.Header.Set("Authorization", "Bearer "+g.OwnerToken)
						req.Header.Set("Content-Type", "application/json")
						res, err := e.App.HTTP.Test(req, -1)
						if err != nil || res.StatusCode != http.StatusOK {
							b.Fatalf("%s: %v %v", c.name, res, err)
						}
						_, _ = io.Copy(io.Discard, res.Body)
						res.Body.Close()
					}
					send()
					queries.Store(0)
					b.ResetTimer()
					for i := 0; i < b.N; i++ {
						send()
					}
					b.ReportMetric(float64(queries.Load())/float64(b.N), "queries/op")
				})
			}
			b.Run("dashboard_figures", func(b *testing.B) {
				scope := e.App.DB.Scope(g.TenantID)
				queries.Store(0)
				for i := 0; i < b.N; i++ {
					if _, err := e.App.Programs.DashboardFigures(context.Background(), scope); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(queries.Load())/float64(b.N), "queries/op")
			})
		})
	}
}

// pageRequest is one request to a program route, named for the report.
type pageRequest struct{ name, method, url, body string }

// programPageRequests are the program routes the benchmark times and the
// statement test bounds; marking attendance marks four in five members.
func programPageRequests(base, pid, activity string, members []string) []pageRequest {
	present := `{"present":["` + strings.Join(members[:len(members)*4/5], `","`) + `"]}`
	return []pageRequest{
		{"program", http.MethodGet, base + "/programs/" + pid, ""},
		{"programs", http.MethodGet, base + "/programs", ""},
		{"members", http.MethodGet, base + "/programs/" + pid + "/enrollments", ""},
		{"activities", http.MethodGet, base + "/programs/" + pid + "/activities", ""},
		{"attendance", http.MethodGet, base + "/activities/" + activity + "/attendance", ""},
		{"mark_attendance", http.MethodPut, base + "/activities/" + activity + "/attendance", present},
		{"progress", http.MethodGet, base + "/beneficiaries/" + members[0] + "/progress", ""},
	}
}

// seedProgram inserts n members of program pid, 20 recent activities with
// everyone present and 12 months of income each; it returns the member ids
// and one activity.
func seedProgram(b testing.TB, e *testkit.Env, g *testkit.Group, pid string, n int) ([]string, string) {
	b.Helper()
	ctx := context.Background()
	tx := e.Owner.Global(ctx)
	now := time.Now().UTC()
	var people, enrolls []map[string]any
	ids := make([]string, n)
	for i := range ids {
		ids[i] = db.NewID()
		people = append(people, map[string]any{"tenant_id": g.TenantID, "id": ids[i], "name": fmt.Sprintf("Maria %04d", i),
			"created_at": now, "updated_at": now})
		enrolls = append(enrolls, map[string]any{"tenant_id": g.TenantID, "id": db.NewID(), "program_id": pid,
			"beneficiary_id": ids[i], "enrolled_on": "2025-01-05", "created_at": now})
	}
	must(b, tx.Table("beneficiaries").CreateInBatches(people, 200).Error)
	must(b, tx.Table("program_enrollments").CreateInBatches(enrolls, 200).Error)
	var activity string
	for a := 0; a < 20; a++ {
		act := programs.Activity{TenantID: g.TenantID, ID: db.NewID(), ProgramID: pid, Title: "Pertemuan", Kind: "produksi",
			HeldOn: clock.Today(now.AddDate(0, 0, -3*a), clock.Zone), CreatedAt: now}
		must(b, tx.Create(&act).Error)
		activity = act.ID
		rows := make([]programs.Attendance, n)
		for i := range rows {
			rows[i] = programs.Attendance{TenantID: g.TenantID, ID: db.NewID(), ProgramID: pid, ActivityID: act.ID, BeneficiaryID: ids[i], CreatedAt: now}
		}
		must(b, tx.CreateInBatches(rows, 200).Error)
	}
	// Income goes through the service so it is sealed as in production and
	// the figures pay for opening it.
	scope, actor := e.App.DB.Scope(g.TenantID), audit.Actor{UserID: g.OwnerID}
	for m := 1; m <= 12; m++ {
		period := time.Date(now.Year(), now.Month()-time.Month(m), 1, 0, 0, 0, 0, time.UTC).Format("2006-01")
		sheet := make([]programs.OutcomeValue, len(ids))
		for i := range ids {
			sheet[i] = programs.OutcomeValue{BeneficiaryID: ids[i], Indicator: "monthly_income", Value: int64(200000000 + i*1000 + m)}
		}
		must(b, e.App.Programs.RecordOutcomes(ctx, scope, actor, pid, period, sheet))
	}
	if e.Dialect == db.Postgres {
		// Fresh statistics, as autovacuum keeps them: without them the
		// planner takes these bulk-filled tables for one-row ones.
		must(b, tx.Exec("ANALYZE").Error)
	}
	return ids, activity
}

func must(b testing.TB, err error) {
	b.Helper()
	if err != nil {
		b.Fatal(err)
	}
}
