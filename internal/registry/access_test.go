package registry_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/testkit"
)

// TestEveryRouteByRole checks each registry route for each tenant role
// (the role table, access.grants), for a stranger and for another group's owner
// using real ids.
func TestEveryRouteByRole(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Rindu Sejahtera")
		other := e.SignupGroup("Kasih Ibu")
		team := e.Team(g)
		stranger := e.Stranger()
		theirs := e.CreateBeneficiary(other, other.OwnerToken, nil)
		base := beneficiariesURL(g)

		const (
			ok       = 0
			denied   = http.StatusForbidden
			readers  = "owner admin treasurer facilitator"
			writers  = "owner admin facilitator"
			auditors = "owner admin"
		)
		type route struct {
			method, path string
			body         any
			success      int
			allowed      string
		}
		// Each role acts on a beneficiary of its own, so deleting and erasing
		// never get in each other's way.
		routes := func(id string) []route {
			return []route{
				{http.MethodGet, base, nil, 200, readers},
				{http.MethodPost, base, map[string]any{"name": "Baru", "nik": testkit.NIK(birth())}, 201, writers},
				{http.MethodGet, base + "/" + id, nil, 200, readers},
				{http.MethodPatch, base + "/" + id, map[string]any{"village": "Oebelo"}, 200, writers},
				{http.MethodPost, base + "/" + id + "/assessments", map[string]any{}, 201, writers},
				{http.MethodGet, base + "/" + id + "/assessments", nil, 200, readers},
				{http.MethodGet, base + "/" + id + "/export", nil, 200, readers},
				{http.MethodGet, "/api/v1/t/" + g.Slug + "/audit", nil, 200, auditors},
				{http.MethodPost, base + "/" + id + "/erase", nil, 200, auditors},
				{http.MethodDelete, base + "/" + id, nil, 204, writers},
			}
		}
		for _, role := range access.TenantRoles {
			m := team[role]
			id := e.CreateBeneficiary(g, g.OwnerToken, nil)
			for _, r := range routes(id) {
				res := e.Do(r.method, r.path, m.Token, r.body)
				if contains(r.allowed, string(role)) {
					if res.Status != r.success {
						t.Errorf("%s %s as %s: %d, want %d: %s", r.method, r.path, role, res.Status, r.success, res.Body)
					}
				} else if res.Status != denied {
					t.Errorf("%s %s as %s: %d, want 403", r.method, r.path, role, res.Status)
				}
			}
		}

		// Every role that reads people reads them in full, and each such
		// read is in the audit log under her name.
		for _, role := range strings.Fields(readers) {
			m := team[access.Role(role)]
			id := e.CreateBeneficiary(g, g.OwnerToken, nil)
			if v := get(e, g, m.Token, id); v["personal_data"] != "full" || v["nik"] == nil {
				t.Errorf("%s reads %v", role, v["personal_data"])
			}
			ev := rows(t, e, "SELECT actor_id FROM audit_events WHERE tenant_id = ? AND entity_id = ? AND action = 'read_personal'", g.TenantID, id)
			if len(ev) != 1 || testkit.Text(ev[0]["actor_id"]) != m.UserID {
				t.Errorf("%s's read audited as %v", role, ev)
			}
		}

		// Outsiders: 404 whether or not the ids are real.
		id := e.CreateBeneficiary(g, g.OwnerToken, nil)
		for _, r := range routes(id) {
			e.Do(r.method, r.path, stranger.Token, r.body).ExpectProblem(http.StatusNotFound, "not_found")
			e.Do(r.method, r.path, other.OwnerToken, r.body).ExpectProblem(http.StatusNotFound, "not_found")
		}
		// Another group's member using her own slug with this group's ids.
		otherBase := beneficiariesURL(other)
		for _, r := range []struct{ method, path string }{
			{http.MethodGet, otherBase + "/" + id}, {http.MethodPatch, otherBase + "/" + id},
			{http.MethodDelete, otherBase + "/" + id}, {http.MethodPost, otherBase + "/" + id + "/assessments"},
			{http.MethodGet, otherBase + "/" + id + "/assessments"}, {http.MethodGet, otherBase + "/" + id + "/export"},
			{http.MethodPost, otherBase + "/" + id + "/erase"},
		} {
			e.Do(r.method, r.path, other.OwnerToken, map[string]any{}).ExpectProblem(http.StatusNotFound, "not_found")
		}
		// Her own records are still hers, untouched by the attempts above.
		if v := get(e, other, other.OwnerToken, theirs); v["personal_data"] != "full" {
			t.Errorf("other group's beneficiary = %v", v)
		}
		if get(e, g, g.OwnerToken, id)["village"] != "Penfui Timur" {
			t.Error("an outsider changed a record")
		}
		// No token at all.
		e.Do(http.MethodGet, base, "", nil).ExpectProblem(http.StatusUnauthorized, "unauthenticated")
		// A path id that is not a UUID is simply not found.
		e.Do(http.MethodGet, base+"/not-a-uuid", g.OwnerToken, nil).ExpectProblem(http.StatusNotFound, "not_found")
	})
}

func contains(list, word string) bool { return slices.Contains(strings.Fields(list), word) }
