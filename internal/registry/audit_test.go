package registry_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/peduli/peduli/internal/testkit"
)

func TestAuditListNamesFieldsNeverValues(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Rindu Sejahtera")
		const nik, phone = "5301084107850005", "081298765432"
		e.Logs.Forbid(nik, phone, "+6281298765432")
		id := e.CreateBeneficiary(g, g.OwnerToken, map[string]any{"nik": nik, "phone": phone})
		get(e, g, g.OwnerToken, id)
		e.Do(http.MethodPatch, beneficiariesURL(g)+"/"+id, g.OwnerToken, map[string]any{"dependents": 2}).Expect(http.StatusOK)

		url := "/api/v1/t/" + g.Slug + "/audit"
		res := e.Do(http.MethodGet, url, g.OwnerToken, nil).Expect(http.StatusOK)
		for _, s := range []string{nik, phone, "6281298765432", "Penfui"} {
			if strings.Contains(string(res.Body), s) {
				t.Errorf("audit list shows a value")
			}
		}
		items := res.Map()["items"].([]any)
		newest := items[0].(map[string]any)
		if newest["action"] != "read_personal" || newest["entity"] != "beneficiary" || newest["entity_id"] != id ||
			newest["actor_id"] != g.OwnerID || newest["actor_name"] != "Ketua Rindu Sejahtera" {
			t.Errorf("newest = %v", newest)
		}
		update := items[1].(map[string]any)
		if update["action"] != "update" || len(update["fields"].([]any)) != 1 || update["fields"].([]any)[0] != "dependents" {
			t.Errorf("update event = %v", update)
		}
		var create map[string]any
		for _, it := range items {
			if m := it.(map[string]any); m["action"] == "create" && m["entity_id"] == id {
				create = m
			}
		}
		if create == nil || !strings.Contains(strings.Join(strs(create["fields"]), ","), "nik") {
			t.Errorf("create event = %v", create)
		}
		// Paging: newest first, no repeats, all of them.
		seen := map[string]bool{}
		cursor := ""
		for pages := 0; pages < 50; pages++ {
			q := url + "?limit=2"
			if cursor != "" {
				q += "&cursor=" + cursor
			}
			page := e.Do(http.MethodGet, q, g.OwnerToken, nil).Expect(http.StatusOK).Map()
			for _, it := range page["items"].([]any) {
				id := it.(map[string]any)["id"].(string)
				if seen[id] {
					t.Fatalf("event %s repeated", id)
				}
				seen[id] = true
			}
			next, _ := page["next_cursor"].(string)
			if next == "" {
				break
			}
			cursor = next
		}
		if len(seen) != len(items) {
			t.Errorf("paged %d events, listed %d", len(seen), len(items))
		}
		// Filtered to one record.
		one := e.Do(http.MethodGet, url+"?entity_id="+id, g.OwnerToken, nil).Expect(http.StatusOK).Map()["items"].([]any)
		if len(one) != 4 {
			t.Errorf("events about the record = %d, want 4 (create, read, update, read)", len(one))
		}
		e.Do(http.MethodGet, url+"?limit=0", g.OwnerToken, nil).ExpectProblem(422, "validation_failed")
		e.Do(http.MethodGet, url+"?cursor=x", g.OwnerToken, nil).ExpectProblem(422, "validation_failed")
	})
}

func strs(v any) []string {
	var out []string
	for _, x := range v.([]any) {
		out = append(out, x.(string))
	}
	return out
}
