package web_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"testing"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/testkit"
)

// benchPage is one page the benchmark visits, as the owner when signed.
type benchPage struct {
	name   string
	path   string
	signed bool
}

var staticRef = regexp.MustCompile(`/static/[A-Za-z0-9._-]+`)

// BenchmarkPages measures each page's server time (ns/op, through the
// whole Fiber stack in memory) and its weight on a first visit: the
// gzip-compressed HTML plus every static file it references, compressed
// (B-first-visit), and the compressed HTML alone (B-html). Workspace pages
// are every entry of the workspace menu, in a group with 500 beneficiaries.
// Run: go test -run '^$' -bench Pages -benchtime 200x ./internal/web/
// (PEDULI_BENCH_BENEFICIARIES changes the 500).
func BenchmarkPages(b *testing.B) {
	e := testkit.New(b, db.SQLite)
	if os.Getenv("PEDULI_TEST_POSTGRES_URL") != "" && os.Getenv("PEDULI_BENCH_POSTGRES") == "1" {
		e = testkit.New(b, db.Postgres)
	}
	g := e.SignupGroup("Kelompok Ukur")
	n := 500
	if v := os.Getenv("PEDULI_BENCH_BENEFICIARIES"); v != "" {
		n = atoi(v)
	}
	for i := 0; i < n; i++ {
		e.CreateBeneficiary(g, g.OwnerToken, nil)
	}
	pages := []benchPage{{"landing", "/", false}, {"login", "/login", false}, {"signup", "/signup", false},
		{"password-forgot", "/password/forgot", false}}
	for _, item := range e.App.Pages.NavItems() {
		name := "t" + item.Path
		if item.Path == "" {
			name = "t/dashboard"
		}
		pages = append(pages, benchPage{name, "/t/" + g.Slug + item.Path, true})
	}
	for _, p := range pages {
		b.Run(p.name, func(b *testing.B) {
			req := func(path string) *http.Request {
				r := httptest.NewRequest(http.MethodGet, path, nil)
				r.Header.Set("Accept", "text/html")
				r.Header.Set("Accept-Encoding", "gzip")
				if p.signed {
					r.Header.Set("Cookie", "peduli_session="+g.OwnerToken)
				}
				return r
			}
			first := e.Send(req(p.path)).Expect(http.StatusOK)
			html := gunzip(b, first.Body)
			weight := len(first.Body)
			for _, ref := range uniq(staticRef.FindAllString(string(html), -1)) {
				weight += len(e.Send(req(ref)).Expect(http.StatusOK).Body)
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

func uniq(in []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range in {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func atoi(s string) int {
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			break
		}
		n = n*10 + int(r-'0')
	}
	return n
}
