package regions_test

import (
	"testing"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/testkit"
)

// A write in one group marks that group, and only it, for the rollup, in
// the write's own transaction; the rollup job then refreshes exactly the
// marked groups and clears their marks.
func TestAChangeMarksOnlyItsGroup(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		ctx := t.Context()
		changed := e.SignupGroupIn("Kelompok Berubah", "53.01.08.2011")
		quiet := e.SignupGroupIn("Kelompok Tenang", "53.01.08.2011")
		e.RefreshFigures()
		marks, err := audit.Changed(ctx, e.App.DB, 1000)
		if err != nil {
			t.Fatal(err)
		}
		if len(marks) != 0 {
			t.Fatalf("%d groups still marked after a full refresh", len(marks))
		}

		e.CreateBeneficiary(changed, changed.OwnerToken, nil)
		// A read of a personal record is audited but changes nothing.
		e.Do("GET", "/api/v1/t/"+quiet.Slug+"/beneficiaries", quiet.OwnerToken, nil).Expect(200)

		marks, err = audit.Changed(ctx, e.App.DB, 1000)
		if err != nil {
			t.Fatal(err)
		}
		if len(marks) != 1 || marks[0].TenantID != changed.TenantID {
			t.Fatalf("marked %+v, want only %s", marks, changed.TenantID)
		}
		n, err := e.App.Regions.RefreshChanged(ctx, 100)
		if err != nil || n != 1 {
			t.Fatalf("refreshed %d groups (%v), want 1", n, err)
		}
		if marks, err = audit.Changed(ctx, e.App.DB, 1000); err != nil || len(marks) != 0 {
			t.Fatalf("marks after the refresh: %+v (%v)", marks, err)
		}
		if n, err := e.App.Regions.RefreshChanged(ctx, 100); err != nil || n != 0 {
			t.Fatalf("a second run refreshed %d groups (%v)", n, err)
		}
	})
}
