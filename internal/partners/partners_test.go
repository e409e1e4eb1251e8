package partners_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

// TestPartnerLifecycle: create, read, change and remove a partner; viewers
// read partners but not the contact person; every write is audited.
func TestPartnerLifecycle(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Rindu Mitra")
		team := e.Team(g)
		base := "/api/v1/t/" + g.Slug + "/partners"
		phone := "0812-3456-7890"
		e.Logs.Forbid("81234567890")
		created := e.Do(http.MethodPost, base, team[access.Admin].Token, map[string]any{
			"kind": "government", "name": "Dinas Sosial Kabupaten Kupang", "contact_name": "Bapak Yohanes",
			"contact_phone": phone, "contact_email": "dinsos@example.org", "mou_starts_on": "2026-01-01",
			"mou_ends_on": "2026-12-31", "contribution": "Pelatihan pewarnaan alam", "contribution_value": 750000000,
		}).Expect(http.StatusCreated).Map()
		id := created["id"].(string)
		contact := created["contact"].(map[string]any)
		if !strings.HasPrefix(contact["phone"].(string), "+62") || created["mou_active"] != true || created["contribution_value"].(float64) != 750000000 {
			t.Fatalf("created = %v", created)
		}

		// A viewer sees the partnership, not the person.
		v := e.Do(http.MethodGet, base+"/"+id, team[access.Viewer].Token, nil).Expect(http.StatusOK).Map()
		if v["contact"] != nil || v["name"] != "Dinas Sosial Kabupaten Kupang" {
			t.Fatalf("viewer sees %v", v)
		}
		list := e.Do(http.MethodGet, base, team[access.Viewer].Token, nil).Expect(http.StatusOK).Map()["items"].([]any)
		if len(list) != 1 || list[0].(map[string]any)["contact"] != nil {
			t.Fatalf("viewer list = %v", list)
		}
		if c := e.Do(http.MethodGet, base+"/"+id, team[access.Facilitator].Token, nil).Expect(http.StatusOK).Map()["contact"]; c == nil {
			t.Fatalf("facilitator does not see the contact")
		}

		// Only owners and admins change partners.
		for _, r := range []access.Role{access.Treasurer, access.Facilitator, access.Viewer} {
			e.Do(http.MethodPost, base, team[r].Token, map[string]any{"kind": "ngo", "name": "X"}).ExpectProblem(http.StatusForbidden, "forbidden")
			e.Do(http.MethodPatch, base+"/"+id, team[r].Token, map[string]any{"notes": "x"}).ExpectProblem(http.StatusForbidden, "forbidden")
			e.Do(http.MethodDelete, base+"/"+id, team[r].Token, nil).ExpectProblem(http.StatusForbidden, "forbidden")
		}

		// PATCH changes the given fields; "" clears an optional one.
		upd := e.Do(http.MethodPatch, base+"/"+id, g.OwnerToken, map[string]any{"mou_ends_on": "", "notes": "Diperpanjang"}).Expect(http.StatusOK).Map()
		if upd["mou_ends_on"] != nil || upd["notes"] != "Diperpanjang" || upd["kind"] != "government" {
			t.Fatalf("updated = %v", upd)
		}

		// Bad input is refused and changes nothing.
		for _, body := range []any{
			map[string]any{"kind": "club", "name": "X"},
			map[string]any{"kind": "ngo"},
			map[string]any{"kind": "ngo", "name": "X", "contact_phone": "12"},
			map[string]any{"kind": "ngo", "name": "X", "mou_starts_on": "2026-05-01", "mou_ends_on": "2026-04-01"},
			map[string]any{"kind": "ngo", "name": "X", "contribution_value": -1},
			map[string]any{"kind": "ngo", "name": strings.Repeat("n", 201)},
		} {
			e.Do(http.MethodPost, base, g.OwnerToken, body).ExpectProblem(http.StatusUnprocessableEntity, "validation_failed")
		}
		e.Do(http.MethodPost, base, g.OwnerToken, `{"kind":"ngo","name":7}`).ExpectProblem(http.StatusBadRequest, "malformed_request")
		e.Do(http.MethodPatch, base+"/"+id, g.OwnerToken, map[string]any{"mou_starts_on": "2026-02-30"}).ExpectProblem(http.StatusUnprocessableEntity, "validation_failed")
		if n := len(e.Do(http.MethodGet, base, g.OwnerToken, nil).Expect(http.StatusOK).Map()["items"].([]any)); n != 1 {
			t.Fatalf("%d partners after refused writes", n)
		}

		// Another group cannot see or touch it.
		other := e.SignupGroup("Kelompok Lain")
		for _, m := range []string{http.MethodGet, http.MethodPatch, http.MethodDelete} {
			e.Do(m, "/api/v1/t/"+other.Slug+"/partners/"+id, other.OwnerToken, map[string]any{"notes": "x"}).ExpectProblem(http.StatusNotFound, "not_found")
		}
		e.Do(http.MethodGet, base+"/"+id, other.OwnerToken, nil).ExpectProblem(http.StatusNotFound, "not_found")

		e.Do(http.MethodDelete, base+"/"+id, g.OwnerToken, nil).Expect(http.StatusNoContent)
		e.Do(http.MethodGet, base+"/"+id, g.OwnerToken, nil).ExpectProblem(http.StatusNotFound, "not_found")

		// The audit log names the writes, never the values.
		var events []struct{ Action, Fields string }
		if err := e.Owner.Global(t.Context()).Table("audit_events").Select("action, fields").
			Where("tenant_id = ? AND entity = ? AND entity_id = ?", g.TenantID, "partner", id).Order("created_at").Scan(&events).Error; err != nil {
			t.Fatal(err)
		}
		if len(events) != 3 || events[0].Action != "create" || events[1].Action != "update" || events[2].Action != "delete" ||
			!strings.Contains(events[0].Fields, "contact_phone") || strings.Contains(events[0].Fields, "0812") {
			t.Fatalf("audit events = %+v", events)
		}
	})
}
