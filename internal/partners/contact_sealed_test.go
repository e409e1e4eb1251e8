package partners_test

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/testkit"
)

// TestContactSealed: a partner's contact phone and email are not in the
// partners table in clear, yet the API shows them, after a change of
// another field and after the tenant's key is rotated.
func TestContactSealed(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Rindu Mitra")
		base := "/api/v1/t/" + g.Slug + "/partners"
		const email = "yohanes.nope@example.org"
		e.Logs.Forbid("81298765432", email)
		id := e.Do(http.MethodPost, base, g.OwnerToken, map[string]any{"kind": "ngo", "name": "Yayasan Tenun",
			"contact_name": "Bapak Yohanes", "contact_phone": "0812-9876-5432", "contact_email": email,
		}).Expect(http.StatusCreated).Map()["id"].(string)

		check := func(wantVersion int) {
			t.Helper()
			var rows []map[string]any
			if err := e.Owner.Global(t.Context()).Raw("SELECT * FROM partners WHERE tenant_id = ?", g.TenantID).
				Scan(&rows).Error; err != nil || len(rows) != 1 {
				t.Fatalf("rows = %v, %v", rows, err)
			}
			for col, v := range rows[0] {
				s := strings.ToLower(strings.TrimSpace(toString(v)))
				if strings.Contains(s, "81298765432") || strings.Contains(s, "yohanes.nope") || strings.Contains(s, "example.org") {
					t.Fatalf("column %s holds the contact in clear: %q", col, s)
				}
			}
			if toString(rows[0]["contact_phone_sealed"]) == "" || toString(rows[0]["contact_email_sealed"]) == "" ||
				toString(rows[0]["key_version"]) != strconv.Itoa(wantVersion) {
				t.Fatalf("row = %v", rows[0])
			}
			got := e.Do(http.MethodGet, base+"/"+id, g.OwnerToken, nil).Expect(http.StatusOK).Map()["contact"].(map[string]any)
			if got["phone"] != "+6281298765432" || got["email"] != email || got["name"] != "Bapak Yohanes" {
				t.Fatalf("contact = %v", got)
			}
			list := e.Do(http.MethodGet, base, g.OwnerToken, nil).Expect(http.StatusOK).Map()["items"].([]any)
			if c := list[0].(map[string]any)["contact"].(map[string]any); c["phone"] != "+6281298765432" || c["email"] != email {
				t.Fatalf("list contact = %v", c)
			}
		}
		check(1)
		// Changing another field keeps the contact sealed and readable.
		e.Do(http.MethodPatch, base+"/"+id, g.OwnerToken, map[string]any{"notes": "MoU diperpanjang"}).Expect(http.StatusOK)
		check(1)
		if _, err := e.App.Registry.RotateKey(t.Context(), e.App.DB.Scope(g.TenantID), audit.Actor{UserID: g.OwnerID}); err != nil {
			t.Fatal(err)
		}
		check(2)
	})
}

// toString renders a scanned column value, whatever type the driver gave.
func toString(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case []byte:
		return string(x)
	default:
		return fmt.Sprint(x)
	}
}
