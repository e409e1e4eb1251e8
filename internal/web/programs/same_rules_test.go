package programs_test

import (
	"net/http"
	"testing"

	"github.com/peduli/peduli/internal/testkit"
)

// TestPageAndAPIRefuseTheSame: the program forms and the API refuse the
// same bad input on the same fields, every field in one answer, because the
// service's rules decide both (an empty status was the page's own rule; the
// API took it as a change).
func TestPageAndAPIRefuseTheSame(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Aturan Program")
		base := "/t/" + g.Slug + "/programs"
		api := "/api/v1" + base
		owner := e.BrowserAs(g.OwnerToken)

		owner.Get(base + "/new")
		page := owner.Post(base, testkit.Form("template_key", "olahan-kelor", "name", "", "starts_on", "2026-03-01", "ends_on", "2026-01-01"))
		res := e.Do(http.MethodPost, api, g.OwnerToken, map[string]any{"template_key": "olahan-kelor", "name": "",
			"starts_on": "2026-03-01", "ends_on": "2026-01-01"})
		testkit.SameRefusal(t, page, res, "ends_on")

		id := testkit.Str(e.CreateProgram(g, g.OwnerToken, map[string]any{"template_key": "olahan-kelor", "starts_on": "2026-01-05"}), "id")
		owner.Get(base + "/" + id + "/edit")
		page = owner.Post(base+"/"+id+"/edit", testkit.Form("name", "", "description", "", "ends_on", "2025-01-01", "status", ""))
		res = e.Do(http.MethodPatch, api+"/"+id, g.OwnerToken, map[string]any{"name": "", "ends_on": "2025-01-01", "status": ""})
		testkit.SameRefusal(t, page, res, "name", "ends_on", "status")
		if p := e.Do(http.MethodGet, api+"/"+id, g.OwnerToken, nil).Expect(http.StatusOK).Map(); p["status"] != "active" {
			t.Fatalf("status %v after a refused edit", p["status"])
		}

		// An activity: a blank title with a kind the program lacks and a bad
		// day are named together (the blank title used to hide the others).
		owner.Get(base + "/" + id)
		page = owner.Post(base+"/"+id+"/activities", testkit.Form("title", "", "kind", "panen", "held_on", "kemarin"))
		res = e.Do(http.MethodPost, api+"/"+id+"/activities", g.OwnerToken, map[string]any{"title": "", "kind": "panen", "held_on": "kemarin"})
		testkit.SameRefusal(t, page, res, "title", "kind", "held_on")
		if n := e.CountRows("program_activities", g.TenantID); n != 0 {
			t.Fatalf("%d activities written on bad input", n)
		}
	})
}
