package regions_test

import (
	"net/http"
	"testing"

	"github.com/peduli/peduli/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

// slugs lists the slugs of a /regions/{code}/groups answer.
func slugs(t *testing.T, m map[string]any) map[string]map[string]any {
	t.Helper()
	out := map[string]map[string]any{}
	for _, it := range m["items"].([]any) {
		g := it.(map[string]any)
		out[g["slug"].(string)] = g
	}
	return out
}

func TestRegencyCoordinatorSeesItsSubDistrictsAndFollowsMoves(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		tengah := e.SignupGroupIn("Mawar Tengah", "53.01.08.2011") // Kupang Tengah, Kabupaten Kupang
		barat := e.SignupGroupIn("Melati Barat", "53.01.05")       // Kupang Barat, Kabupaten Kupang
		kota := e.SignupGroupIn("Anggrek Kota", "53.71.02")        // Maulafa, Kota Kupang
		co := e.Coordinator("53.01")
		admin := e.PlatformAdmin()

		got := slugs(t, e.Do(http.MethodGet, "/api/v1/regions/53.01/groups", co.Token, nil).Expect(http.StatusOK).Map())
		if got[tengah.Slug] == nil || got[barat.Slug] == nil || got["rindu-sejahtera"] == nil {
			t.Fatalf("regency view misses a group of its sub-districts: %v", got)
		}
		if got[kota.Slug] != nil {
			t.Fatalf("regency view shows the neighbour's group")
		}
		// A node below hers is hers too; the neighbour and the province are not.
		sub := slugs(t, e.Do(http.MethodGet, "/api/v1/regions/53.01.08/groups", co.Token, nil).Expect(http.StatusOK).Map())
		if sub[tengah.Slug] == nil || sub[barat.Slug] != nil {
			t.Fatalf("sub-district view = %v", sub)
		}
		for _, code := range []string{"53.71", "53", "53.71.02", "99.99"} {
			e.Do(http.MethodGet, "/api/v1/regions/"+code+"/groups", co.Token, nil).ExpectProblem(http.StatusNotFound, "not_found")
			e.Do(http.MethodGet, "/api/v1/regions/"+code+"/report", co.Token, nil).ExpectProblem(http.StatusNotFound, "not_found")
		}
		e.Do(http.MethodGet, "/api/v1/regions/53.01/groups?sort=nik", co.Token, nil).ExpectProblem(http.StatusUnprocessableEntity, "validation_failed")
		e.Do(http.MethodGet, "/api/v1/regions/53.01/report?format=pdf", co.Token, nil).ExpectProblem(http.StatusUnprocessableEntity, "validation_failed")
		e.Do(http.MethodGet, "/api/v1/regions/53.01/report?from=2026-13-01", co.Token, nil).ExpectProblem(http.StatusUnprocessableEntity, "validation_failed")
		e.Do(http.MethodGet, "/api/v1/regions/53.01/report?from=2026-05-01&to=2026-01-01", co.Token, nil).ExpectProblem(http.StatusUnprocessableEntity, "validation_failed")
		// Members of a group are not coordinators.
		e.Do(http.MethodGet, "/api/v1/regions/53.01/groups", tengah.OwnerToken, nil).ExpectProblem(http.StatusNotFound, "not_found")
		e.Do(http.MethodGet, "/api/v1/regions/53.01/groups", "", nil).ExpectProblem(http.StatusUnauthorized, "unauthenticated")

		// Inside her region she may not write in a group (403); outside it
		// the group does not exist for her (404); reads of a workspace are
		// for its team.
		invite := map[string]any{"email": "siapa@example.org", "role": "viewer"}
		e.Do(http.MethodPost, "/api/v1/t/"+barat.Slug+"/team", co.Token, invite).ExpectProblem(http.StatusForbidden, "forbidden")
		e.Do(http.MethodPost, "/api/v1/t/"+kota.Slug+"/team", co.Token, invite).ExpectProblem(http.StatusNotFound, "not_found")
		e.Do(http.MethodGet, "/api/v1/t/"+barat.Slug+"/team", co.Token, nil).ExpectProblem(http.StatusNotFound, "not_found")
		e.Do(http.MethodPost, "/api/v1/t/"+kota.Slug+"/verification", co.Token,
			map[string]any{"decision": "verify"}).ExpectProblem(http.StatusNotFound, "not_found")

		// Move the city group into the regency and the Kupang Tengah group out:
		// her very next request sees the change.
		moved := e.Do(http.MethodPatch, "/api/v1/admin/tenants/"+kota.Slug, admin.Token, map[string]any{"region_code": "53.01.06"}).
			Expect(http.StatusOK).Map()
		if testkit.Str(moved, "tenant", "region_code") != "53.01.06" || testkit.Str(moved, "tenant", "district") != "Kupang Timur" {
			t.Fatalf("moved = %v", moved)
		}
		e.Do(http.MethodPatch, "/api/v1/admin/tenants/"+tengah.Slug, admin.Token, map[string]any{"region_code": "53.71.01"}).Expect(http.StatusOK)
		got = slugs(t, e.Do(http.MethodGet, "/api/v1/regions/53.01/groups", co.Token, nil).Expect(http.StatusOK).Map())
		if got[kota.Slug] == nil || got[tengah.Slug] != nil {
			t.Fatalf("after the move the view is stale: %v", got)
		}
		e.Do(http.MethodPost, "/api/v1/t/"+kota.Slug+"/team", co.Token, invite).ExpectProblem(http.StatusForbidden, "forbidden")
		e.Do(http.MethodPost, "/api/v1/t/"+tengah.Slug+"/verification", co.Token,
			map[string]any{"decision": "verify"}).ExpectProblem(http.StatusNotFound, "not_found")
		// The move is in the group's audit log.
		var n int64
		e.Owner.Global(t.Context()).Table("audit_events").Where("tenant_id = ? AND entity = 'tenant' AND fields = 'region_code'", kota.TenantID).Count(&n)
		if n != 1 {
			t.Errorf("audit events for the move = %d", n)
		}

		// Bad moves change nothing.
		e.Do(http.MethodPatch, "/api/v1/admin/tenants/"+barat.Slug, admin.Token, map[string]any{"region_code": "99.99"}).
			ExpectProblem(http.StatusUnprocessableEntity, "validation_failed")
		e.Do(http.MethodPatch, "/api/v1/admin/tenants/"+barat.Slug, admin.Token, map[string]any{"status": "gone"}).
			ExpectProblem(http.StatusUnprocessableEntity, "validation_failed")
		e.Do(http.MethodPatch, "/api/v1/admin/tenants/"+barat.Slug, co.Token, map[string]any{"status": "suspended"}).
			ExpectProblem(http.StatusForbidden, "forbidden")
		e.Do(http.MethodPatch, "/api/v1/admin/tenants/no-such-group", admin.Token, map[string]any{"status": "suspended"}).
			ExpectProblem(http.StatusNotFound, "not_found")
		if g := slugs(t, e.Do(http.MethodGet, "/api/v1/regions/53.01/groups", co.Token, nil).Map())[barat.Slug]; g["region_code"] != "53.01.05" || g["status"] != "active" {
			t.Fatalf("a refused change was written: %v", g)
		}
		// Suspension shows in her list.
		e.Do(http.MethodPatch, "/api/v1/admin/tenants/"+barat.Slug, admin.Token, map[string]any{"status": "suspended"}).Expect(http.StatusOK)
		if g := slugs(t, e.Do(http.MethodGet, "/api/v1/regions/53.01/groups", co.Token, nil).Map())[barat.Slug]; g["status"] != "suspended" {
			t.Fatalf("suspended group = %v", g)
		}
	})
}

func TestPlatformAdminAssignsListsAndRemovesCoordinators(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		admin := e.PlatformAdmin()
		person := e.Stranger()
		e.VerifyEmail(person.UserID)
		g := e.SignupGroup("Kelompok Biasa")
		base := "/api/v1/admin/regions/53.01/coordinators"

		e.Do(http.MethodPost, base, g.OwnerToken, map[string]any{"email": person.Email}).ExpectProblem(http.StatusForbidden, "forbidden")
		e.Do(http.MethodPost, base, "", map[string]any{"email": person.Email}).ExpectProblem(http.StatusUnauthorized, "unauthenticated")
		e.Do(http.MethodPost, "/api/v1/admin/regions/99.99/coordinators", admin.Token, map[string]any{"email": person.Email}).
			ExpectProblem(http.StatusNotFound, "not_found")
		p := e.Do(http.MethodPost, base, admin.Token, map[string]any{"email": "nobody-here@example.org"}).
			ExpectProblem(http.StatusUnprocessableEntity, "validation_failed")
		if errs := p["errors"].([]any); errs[0].(map[string]any)["field"] != "email" {
			t.Fatalf("problem = %v", p)
		}
		e.Do(http.MethodPost, base, admin.Token, map[string]any{"email": "not an email"}).
			ExpectProblem(http.StatusUnprocessableEntity, "validation_failed")
		e.Do(http.MethodPost, base, admin.Token, "{").ExpectProblem(http.StatusBadRequest, "malformed_request")
		// Nothing was assigned by the refused calls (other tests' coordinators
		// of the region may be listed: the database is shared on PostgreSQL).
		listed := func() bool {
			for _, it := range e.Do(http.MethodGet, base, admin.Token, nil).Expect(http.StatusOK).Map()["items"].([]any) {
				if it.(map[string]any)["email"] == person.Email {
					return true
				}
			}
			return false
		}
		if listed() {
			t.Fatalf("a refused call assigned a coordinator")
		}
		e.Do(http.MethodGet, "/api/v1/regions/53.01/groups", person.Token, nil).ExpectProblem(http.StatusNotFound, "not_found")

		c := e.Do(http.MethodPost, base, admin.Token, map[string]any{"email": person.Email}).Expect(http.StatusCreated).Map()
		if testkit.Str(c, "coordinator", "user_id") != person.UserID || testkit.Str(c, "coordinator", "region_code") != "53.01" {
			t.Fatalf("coordinator = %v", c)
		}
		e.Do(http.MethodPost, base, admin.Token, map[string]any{"email": person.Email}).ExpectProblem(http.StatusConflict, "already_coordinator")
		if !listed() {
			t.Fatalf("the new coordinator is not listed")
		}
		me := e.Do(http.MethodGet, "/api/v1/me", person.Token, nil).Expect(http.StatusOK).Map()
		if r := me["regions"].([]any); len(r) != 1 || r[0].(map[string]any)["code"] != "53.01" {
			t.Fatalf("me.regions = %v", me["regions"])
		}
		e.Do(http.MethodGet, "/api/v1/regions/53.01/groups", person.Token, nil).Expect(http.StatusOK)

		e.Do(http.MethodDelete, base+"/"+g.OwnerID, admin.Token, nil).ExpectProblem(http.StatusNotFound, "not_found")
		e.Do(http.MethodDelete, base+"/"+person.UserID, admin.Token, nil).Expect(http.StatusNoContent)
		// No stale permission: the very next request is refused.
		e.Do(http.MethodGet, "/api/v1/regions/53.01/groups", person.Token, nil).ExpectProblem(http.StatusNotFound, "not_found")
	})
}
