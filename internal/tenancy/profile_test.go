package tenancy_test

import (
	"net/http"
	"testing"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/testkit"
)

// TestProfileAPI: the chair writes the group's profile; a wrong number is
// a 422 that changes nothing; a role without tenant:write gets 403; the
// public group API shows the profile.
func TestProfileAPI(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Profil API")
		team := e.Team(g)
		path := "/api/v1/t/" + g.Slug + "/profile"
		body := map[string]any{"story": "Kami menenun.", "story_en": "We weave.", "work": "Tenun ikat",
			"meeting_place": "Balai Desa", "contact_whatsapp": "+62 812-3456-7890"}
		res := e.Do(http.MethodPut, path, g.OwnerToken, body).Expect(http.StatusOK).Map()
		if got := testkit.Str(res, "profile", "contact_whatsapp"); got != "6281234567890" {
			t.Fatalf("stored number %q", got)
		}
		bad := map[string]any{"story": "Diganti", "story_en": "", "work": "", "meeting_place": "", "contact_whatsapp": "0800 123 4567"}
		e.Do(http.MethodPut, path, g.OwnerToken, bad).ExpectProblem(http.StatusUnprocessableEntity, "validation_failed")
		for _, r := range []access.Role{access.Facilitator, access.Treasurer, access.Viewer} {
			e.Do(http.MethodPut, path, team[r].Token, bad).Expect(http.StatusForbidden)
		}
		if got := testkit.Str(e.Do(http.MethodGet, "/api/v1/public/groups/"+g.Slug, "", nil).Expect(http.StatusOK).Map(), "story", "id"); got != "Kami menenun." {
			t.Fatalf("a refused write changed the story to %q", got)
		}
		pub := e.Do(http.MethodGet, "/api/v1/public/groups/"+g.Slug, "", nil).Expect(http.StatusOK).Map()
		if testkit.Str(pub, "story", "id") != "Kami menenun." || testkit.Str(pub, "work") != "Tenun ikat" ||
			testkit.Str(pub, "contact_whatsapp") != "6281234567890" {
			t.Fatalf("public group: %v", pub)
		}
		other := e.SignupGroup("Kelompok Lain API")
		e.Do(http.MethodPut, path, other.OwnerToken, body).Expect(http.StatusNotFound)
	})
}

// TestRequestReviewAPI: only a group asked for changes can ask for review
// again; then it is back awaiting verification with the note kept.
func TestRequestReviewAPI(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroupIn("Kelompok Tinjau", "53.01.08.2011")
		co := e.Coordinator("53.01")
		review := "/api/v1/t/" + g.Slug + "/verification/review"
		e.Do(http.MethodPost, review, g.OwnerToken, nil).ExpectProblem(http.StatusConflict, "not_changes_requested")
		e.Do(http.MethodPost, "/api/v1/t/"+g.Slug+"/verification", co.Token,
			map[string]any{"decision": "request_changes", "note": "Tambahkan foto."}).Expect(http.StatusOK)
		viewer := e.AddMember(g, access.Viewer)
		e.Do(http.MethodPost, review, viewer.Token, nil).Expect(http.StatusForbidden)
		v := e.Do(http.MethodPost, review, g.OwnerToken, nil).Expect(http.StatusOK).Map()
		if testkit.Str(v, "verification", "state") != "pending" || testkit.Str(v, "verification", "note") != "Tambahkan foto." {
			t.Fatalf("after review request: %v", v)
		}
		e.Do(http.MethodPost, review, g.OwnerToken, nil).ExpectProblem(http.StatusConflict, "not_changes_requested")
	})
}
