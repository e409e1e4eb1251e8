package registry_test

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"testing"
	"time"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/testkit"
)

var staticRef = regexp.MustCompile(`/static/[A-Za-z0-9._-]+`)

// BenchmarkWorkspacePages measures every workspace feature page — not only
// the menu entries — in a group with 500 beneficiaries, a KUBE of 20
// members with an activity and three months of outcomes, and 5 partners:
// server time per request through the whole Fiber stack in memory (ns/op)
// and the first-visit weight, compressed HTML plus every static file it
// references, compressed as served (B-first-visit). Pages that show
// personal data write an audit row on every request, and that is measured.
// Run: go test -run '^$' -bench WorkspacePages -benchtime 100x ./internal/web/registry/
// (PostgreSQL: PEDULI_BENCH_POSTGRES=1 with PEDULI_TEST_POSTGRES_URL set).
func BenchmarkWorkspacePages(b *testing.B) {
	d := db.SQLite
	if os.Getenv("PEDULI_TEST_POSTGRES_URL") != "" && os.Getenv("PEDULI_BENCH_POSTGRES") == "1" {
		d = db.Postgres
	}
	e := testkit.New(b, d)
	g := e.SignupGroup("Kelompok Ukur Halaman")
	var ids []string
	for i := 0; i < 500; i++ {
		ids = append(ids, e.CreateBeneficiary(g, g.OwnerToken, map[string]any{"monthly_income": 150000000}))
	}
	prog := testkit.Str(e.CreateProgram(g, g.OwnerToken, map[string]any{"template_key": "tenun-ikat", "starts_on": "2026-01-05"}), "id")
	now := time.Now().UTC()
	for _, id := range ids[:20] {
		e.Enroll(g, g.OwnerToken, prog, id)
		for m := 1; m <= 3; m++ {
			period := time.Date(now.Year(), now.Month()-time.Month(m), 1, 0, 0, 0, 0, time.UTC).Format("2006-01")
			e.RecordOutcome(g, g.OwnerToken, id, "monthly_income", period, int64(100000000+m*10000000))
		}
	}
	act := e.RecordActivity(g, g.OwnerToken, prog, "pertemuan_kelompok", now.Format("2006-01-02"))
	e.Do(http.MethodPut, "/api/v1/t/"+g.Slug+"/activities/"+act+"/attendance", g.OwnerToken,
		map[string]any{"present": ids[:15]}).Expect(http.StatusOK)
	for i := 0; i < 5; i++ {
		e.CreatePartner(g, g.OwnerToken, map[string]any{"kind": "ngo", "name": fmt.Sprintf("Mitra %d", i)})
	}
	t := "/t/" + g.Slug
	last := time.Date(now.Year(), now.Month()-1, 1, 0, 0, 0, 0, time.UTC).Format("2006-01")
	pages := []struct{ name, path string }{
		{"dashboard", t},
		{"beneficiaries", t + "/beneficiaries"},
		{"beneficiaries-page-2", t + "/beneficiaries?cursor=" + ids[0]},
		{"beneficiary-new", t + "/beneficiaries/new"},
		{"beneficiary-detail", t + "/beneficiaries/" + ids[0]},
		{"beneficiary-edit", t + "/beneficiaries/" + ids[0] + "/edit"},
		{"beneficiary-assess", t + "/beneficiaries/" + ids[0] + "/assess"},
		{"programs", t + "/programs"},
		{"program-new", t + "/programs/new"},
		{"program", t + "/programs/" + prog},
		{"program-enroll", t + "/programs/" + prog + "/enroll"},
		{"attendance-20", t + "/activities/" + act + "/attendance"},
		{"outcomes-20", t + "/programs/" + prog + "/outcomes?period=" + last},
		{"partners", t + "/partners"},
		{"partner-new", t + "/partners/new"},
	}
	for _, p := range pages {
		b.Run(p.name, func(b *testing.B) {
			req := func(path string) *http.Request {
				r := httptest.NewRequest(http.MethodGet, path, nil)
				r.Header.Set("Accept", "text/html")
				r.Header.Set("Accept-Encoding", "gzip")
				r.Header.Set("Cookie", "peduli_session="+g.OwnerToken)
				return r
			}
			first := e.Send(req(p.path)).Expect(http.StatusOK)
			weight := len(first.Body)
			seen := map[string]bool{}
			for _, ref := range staticRef.FindAllString(string(gunzip(b, first.Body)), -1) {
				if !seen[ref] {
					seen[ref] = true
					weight += len(e.Send(req(ref)).Expect(http.StatusOK).Body)
				}
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				res, err := e.App.HTTP.Test(req(p.path), -1)
				if err != nil || res.StatusCode != http.StatusOK {
					b.Fatalf("%s: %v %v", p.path, err, res)
				}
				_, _ = io.Copy(io.Discard, res.Body)
				res.Body.Close()
			}
			b.ReportMetric(float64(len(first.Body)), "B-html")
			b.ReportMetric(float64(weight), "B-first-visit")
		})
	}
}

func gunzip(b *testing.B, body []byte) []byte {
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		b.Fatalf("not gzip: %v", err)
	}
	out, _ := io.ReadAll(zr)
	return out
}
