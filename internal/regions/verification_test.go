package regions_test

import (
	"net/http"
	"testing"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/testkit"
)

func TestVerificationFlow(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroupIn("Kelompok Baru", "53.01.08.2011")
		viewer := e.AddMember(g, access.Viewer)
		co := e.Coordinator("53.01")
		elsewhere := e.Coordinator("53.71")
		url := "/api/v1/t/" + g.Slug + "/verification"

		state := func(token string) map[string]any {
			return e.Do(http.MethodGet, url, token, nil).Expect(http.StatusOK).Map()["verification"].(map[string]any)
		}
		if v := state(viewer.Token); v["state"] != "pending" || v["verified"] != false || len(v["history"].([]any)) != 0 {
			t.Fatalf("a new group = %v", v)
		}
		// Online donations wait for verification.
		public := func() string {
			pub := e.Do(http.MethodGet, "/api/v1/public/groups/"+g.Slug, "", nil).Expect(http.StatusOK).Map()
			r, _ := pub["donations_disabled_reason"].(string)
			return r
		}
		if r := public(); r != "group_not_verified" {
			t.Fatalf("an unverified group's donations: %q", r)
		}
		// Only a coordinator of the group's region decides.
		verify := map[string]any{"decision": "verify"}
		e.Do(http.MethodPost, url, g.OwnerToken, verify).ExpectProblem(http.StatusForbidden, "forbidden")
		e.Do(http.MethodPost, url, elsewhere.Token, verify).ExpectProblem(http.StatusNotFound, "not_found")
		e.Do(http.MethodPost, url, e.Stranger().Token, verify).ExpectProblem(http.StatusNotFound, "not_found")
		e.Do(http.MethodPost, url, "", verify).ExpectProblem(http.StatusUnauthorized, "unauthenticated")
		// Bad input writes nothing.
		e.Do(http.MethodPost, url, co.Token, map[string]any{"decision": "request_changes"}).
			ExpectProblem(http.StatusUnprocessableEntity, "validation_failed")
		e.Do(http.MethodPost, url, co.Token, map[string]any{"decision": "approve"}).
			ExpectProblem(http.StatusUnprocessableEntity, "validation_failed")
		e.Do(http.MethodPost, url, co.Token, map[string]any{"decision": 1}).ExpectProblem(http.StatusBadRequest, "malformed_request")
		if v := state(g.OwnerToken); v["state"] != "pending" || len(v["history"].([]any)) != 0 {
			t.Fatalf("refused decisions were written: %v", v)
		}

		note := "Lengkapi profil dan catat kegiatan pertama."
		v := e.Do(http.MethodPost, url, co.Token, map[string]any{"decision": "request_changes", "note": note}).
			Expect(http.StatusOK).Map()["verification"].(map[string]any)
		if v["state"] != "changes_requested" || v["note"] != note || v["verified"] != false {
			t.Fatalf("after request_changes = %v", v)
		}
		if v := state(viewer.Token); v["state"] != "changes_requested" || v["note"] != note {
			t.Fatalf("the group sees = %v", v)
		}
		v = e.Do(http.MethodPost, url, co.Token, map[string]any{"decision": "verify", "note": "Terima kasih."}).
			Expect(http.StatusOK).Map()["verification"].(map[string]any)
		if v["state"] != "verified" || v["verified"] != true {
			t.Fatalf("after verify = %v", v)
		}
		if r := public(); r == "group_not_verified" {
			t.Fatalf("a verified group still refuses donations as unverified")
		}
		h := state(g.OwnerToken)["history"].([]any)
		if len(h) != 2 || h[0].(map[string]any)["decision"] != "verify" || h[1].(map[string]any)["decision"] != "request_changes" ||
			h[0].(map[string]any)["decided_by"] != co.UserID {
			t.Fatalf("history = %v", h)
		}
		// tenants.verified is the one answer everyone reads.
		if tn := e.Do(http.MethodGet, "/api/v1/t/"+g.Slug, g.OwnerToken, nil).Expect(http.StatusOK).Map(); testkit.Str(tn, "tenant", "slug") == "" ||
			tn["tenant"].(map[string]any)["verified"] != true {
			t.Fatalf("tenant = %v", tn)
		}
		if row := slugs(t, e.Do(http.MethodGet, "/api/v1/regions/53.01/groups", co.Token, nil).Expect(http.StatusOK).Map())[g.Slug]; row["verified"] != true ||
			row["verification"] != "verified" {
			t.Fatalf("coordinator list row = %v", row)
		}
		// Both decisions are in the group's audit log, by the coordinator.
		var n int64
		e.Owner.Global(t.Context()).Table("audit_events").
			Where("tenant_id = ? AND entity = 'verification' AND actor_id = ?", g.TenantID, co.UserID).Count(&n)
		if n != 2 {
			t.Errorf("audit events = %d, want 2", n)
		}
		// Asking for changes again closes online donations again.
		e.Do(http.MethodPost, url, co.Token, map[string]any{"decision": "request_changes", "note": "Laporan kas belum ada."}).Expect(http.StatusOK)
		if r := public(); r != "group_not_verified" {
			t.Fatalf("after request_changes donations: %q", r)
		}
		// Another tenant's team never sees it.
		other := e.SignupGroupIn("Kelompok Lain", "53.01.08.2011")
		e.Do(http.MethodGet, url, other.OwnerToken, nil).ExpectProblem(http.StatusNotFound, "not_found")
		e.Do(http.MethodPost, url, other.OwnerToken, verify).ExpectProblem(http.StatusNotFound, "not_found")
	})
}
