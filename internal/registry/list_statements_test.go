package registry_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/testkit"
)

// TestListRequestStatementBound keeps the beneficiary list, the
// workspace's busiest read, to a fixed number of statements whatever the
// group holds: the session with its user (one statement), the group by
// its slug, then the page in the tenant's transaction (on PostgreSQL after
// set_config of app.tenant_id; BEGIN and COMMIT are not counted). Roles
// and data keys come from their caches once warm. A change that adds a
// round trip to every signed-in request fails here.
func TestListRequestStatementBound(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Hitungan")
		for range 3 {
			e.CreateBeneficiary(g, g.OwnerToken, map[string]any{"phone": "081234567890"})
		}
		statements := testkit.CountStatements(t, e.App.DB.Global(context.Background()))
		list := func() map[string]any {
			return e.Do(http.MethodGet, beneficiariesURL(g), g.OwnerToken, nil).Expect(http.StatusOK).Map()
		}
		list() // warms the role and key caches
		statements.Store(0)
		page := list()

		want := int64(3)
		if e.Dialect == db.Postgres {
			want++ // set_config('app.tenant_id', …, true) inside the transaction
		}
		if n := statements.Load(); n > want || n < 2 {
			t.Errorf("a list request ran %d statements, want at most %d (and the counter to count)", n, want)
		}
		items, _ := page["items"].([]any)
		if len(items) != 3 {
			t.Fatalf("items = %d, want 3", len(items))
		}
		for _, it := range items {
			m := it.(map[string]any)
			if nik := testkit.Str(m, "nik"); !strings.Contains(nik, "********") || len(nik) != 16 {
				t.Errorf("nik = %q, want the masked form", nik)
			}
			if phone := testkit.Str(m, "phone"); phone != "+62 8** **** 7890" {
				t.Errorf("phone = %q, want the masked form", phone)
			}
			if m["personal_data"] != "masked" {
				t.Errorf("personal_data = %v", m["personal_data"])
			}
		}
	})
}
