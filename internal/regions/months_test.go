package regions_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/peduli/peduli/internal/testkit"
)

// The rollup keeps each group's figures per month; every stored month
// equals the same month recomputed from the raw data with the period
// queries the report uses, and months with no data are simply absent.
func TestStoredMonthsMatchARecomputation(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		ctx := t.Context()
		g := e.SignupGroupIn("Kelompok Bulanan", "53.01.08.2011")
		now := time.Now().UTC()
		day := func(months int) string { return now.AddDate(0, months, 0).Format(time.DateOnly) }
		prog := e.CreateProgram(g, g.OwnerToken, map[string]any{"template_key": "tenun-ikat", "starts_on": day(-5)})
		pid := testkit.Str(prog, "id")
		var ids []string
		for range 7 {
			id := e.CreateBeneficiary(g, g.OwnerToken, nil)
			e.Enroll(g, g.OwnerToken, pid, id)
			ids = append(ids, id)
		}
		for i, m := range []int{-2, -1, -1, 0} {
			a := e.RecordActivity(g, g.OwnerToken, pid, "produksi", day(m))
			e.Do(http.MethodPut, "/api/v1/t/"+g.Slug+"/activities/"+a+"/attendance", g.OwnerToken,
				map[string]any{"present": ids[:3+i]}).Expect(http.StatusOK)
		}
		e.Do(http.MethodPost, "/api/v1/t/"+g.Slug+"/donations", g.OwnerToken, map[string]any{"amount": 5000000, "currency": "IDR",
			"method": "cash", "received_on": day(0), "donor": map[string]any{"name": "Bapak Donatur"}}).Expect(http.StatusCreated)
		e.RefreshFigures()

		stored, err := e.App.Regions.StoredMonths(ctx, g.TenantID)
		if err != nil {
			t.Fatal(err)
		}
		activities := 0
		for i := -6; i <= 0; i++ {
			month := now.AddDate(0, i, 0).Format("2006-01")
			want, err := e.App.Regions.RecomputeMonth(ctx, g.TenantID, month)
			if err != nil {
				t.Fatal(err)
			}
			got, ok := stored[month]
			if !ok {
				got.TenantID, got.Month = g.TenantID, month
			}
			if got != want {
				t.Errorf("%s stored %+v, recomputed %+v", month, got, want)
			}
			activities += got.Activities
		}
		if activities != 4 || stored[now.Format("2006-01")].Donations != 5000000 {
			t.Fatalf("stored months %+v", stored)
		}
	})
}
