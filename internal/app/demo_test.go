package app_test

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/peduli/peduli/internal/testkit"
)

// The demo content fills a group so every page has something to show, and
// a second run adds nothing.
func TestDemoContentFillsEveryPageOnce(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Contoh")
		tn, err := e.App.Tenancy.Store.TenantBySlug(context.Background(), g.Slug)
		if err != nil {
			t.Fatal(err)
		}
		started := time.Now()
		if err := e.App.DemoContent(t.Context(), tn, g.OwnerID); err != nil {
			t.Fatal(err)
		}
		t.Logf("demo content in %v", time.Since(started))
		want := map[string]int64{"beneficiaries": 25, "assessments": 50, "programs": 2, "partners": 3, "donations": 12}
		check := func() {
			for table, n := range want {
				if got := e.CountRows(table, g.TenantID); got != n {
					t.Errorf("%s: %d rows, want %d", table, got, n)
				}
			}
			for _, table := range []string{"program_activities", "activity_attendance", "outcomes", "ledger_entries"} {
				if got := e.CountRows(table, g.TenantID); got < 20 {
					t.Errorf("%s: only %d rows", table, got)
				}
			}
		}
		check()
		if err := e.App.DemoContent(t.Context(), tn, g.OwnerID); err != nil {
			t.Fatal(err)
		}
		check()

		base := "/t/" + g.Slug
		owner := e.BrowserAs(g.OwnerToken)
		dash := owner.Get(base).Expect(http.StatusOK)
		text := strings.Join(strings.Fields(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(string(dash.Body), " ")), " ")
		for _, s := range []string{"25 orang dilayani", "2 program berjalan", "kehadiran 90 hari terakhir", "25 PRSE · 22 ikut program"} {
			if !strings.Contains(text, s) {
				t.Errorf("dashboard lacks %q: %s", s, text)
			}
		}
		owner.Get(base+"/beneficiaries").Expect(http.StatusOK).Contains("Yuliana Tefa", "PRSE")
		owner.Get(base+"/programs").Expect(http.StatusOK).Contains("KUBE Tenun Ikat", "Olahan Kelor", "12 peserta", "10 peserta")
		owner.Get(base+"/ledger").Expect(http.StatusOK).Contains("Benang dan pewarna alam", "Alat tenun gedogan baru", "menunggu persetujuan")
		owner.Get(base + "/donations").Expect(http.StatusOK).Contains("Gereja Kalvari Oesapa")
		owner.Get(base + "/partners").Expect(http.StatusOK).Contains("Koperasi Tenun Flobamora")
	})
}
