package app_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/peduli/peduli/internal/testkit"
)

// fieldErrors returns the field → rule pairs of a 422 problem.
func fieldErrors(t *testing.T, r *testkit.Response) map[string]string {
	t.Helper()
	m := r.ExpectProblem(http.StatusUnprocessableEntity, "validation_failed")
	out := map[string]string{}
	list, _ := m["errors"].([]any)
	for _, x := range list {
		fe, _ := x.(map[string]any)
		f, _ := fe["field"].(string)
		rule, _ := fe["rule"].(string)
		out[f] = rule
	}
	if len(out) == 0 {
		t.Fatalf("422 names no field: %s", r.Body)
	}
	return out
}

// TestControlCharactersRefusedAtTheBoundary: NUL and other control
// characters in any text — JSON bodies, page forms, query parameters — are
// a 422 naming the field on both databases (PostgreSQL answered 500, SQLite
// stored them); names and slugs also refuse invisible and text-direction
// characters; multi-line fields keep tab and newline.
func TestControlCharactersRefusedAtTheBoundary(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Karakter")
		signup := func(name, slug string) *testkit.Response {
			return e.Do(http.MethodPost, "/api/v1/signup", "", map[string]any{
				"group": map[string]any{"name": name, "slug": slug, "region_code": "53.01.08.2011"},
				"owner": map[string]any{"name": "Ibu Yosefina", "email": testkit.Unique("nul") + "@example.org", "password": testkit.Password},
			})
		}
		slug := testkit.Unique("nul")
		if got := fieldErrors(t, signup("Kelompok\u0000Nol", slug)); got["group.name"] != "control_chars" {
			t.Fatalf("NUL in a group name: %v", got)
		}
		if got := fieldErrors(t, signup("Kelompok \u202eloN", slug)); got["group.name"] != "invisible_chars" {
			t.Fatalf("bidi override in a group name: %v", got)
		}
		if got := fieldErrors(t, signup("Kelompok Nol", slug+"\u200b")); got["group.slug"] != "invisible_chars" {
			t.Fatalf("zero-width space in a slug: %v", got)
		}
		if got := fieldErrors(t, signup("Kelompok\nNol", slug)); got["group.name"] != "control_chars" {
			t.Fatalf("newline in a one-line field: %v", got)
		}
		e.Do(http.MethodGet, "/api/v1/public/groups/"+slug, "", nil).Expect(http.StatusNotFound)

		got := fieldErrors(t, e.Do(http.MethodPost, "/api/v1/auth/login", "", map[string]any{"email": "\u0000", "password": "x"}))
		if got["email"] != "control_chars" {
			t.Fatalf("NUL in the login email: %v", got)
		}

		// Query parameters: the search and the filters.
		base := "/api/v1/t/" + g.Slug
		for _, path := range []string{"/beneficiaries?q=%00", "/beneficiaries?q=sri%01", "/audit?entity=%00", "/donations?status=%1b"} {
			name := path[strings.Index(path, "?")+1 : strings.Index(path, "=")]
			if got := fieldErrors(t, e.Do(http.MethodGet, base+path, g.OwnerToken, nil)); got[name] != "control_chars" {
				t.Fatalf("%s: %v", path, got)
			}
		}
		e.Do(http.MethodGet, base+"/beneficiaries?q="+url.QueryEscape("Sri Wahyuni"), g.OwnerToken, nil).Expect(http.StatusOK)

		// A multi-line field keeps its tab and line breaks; a control
		// character is still refused there, and in the one-line name.
		prog := e.CreateProgram(g, g.OwnerToken, map[string]any{"template_key": "tenun-ikat", "starts_on": "2026-01-05",
			"description": "Baris satu\r\nBaris dua\tdengan tab"})
		if d, _ := prog["description"].(string); !strings.Contains(d, "Baris dua\tdengan tab") {
			t.Fatalf("description not kept: %q", d)
		}
		got = fieldErrors(t, e.Do(http.MethodPost, base+"/programs", g.OwnerToken, map[string]any{"template_key": "tenun-ikat",
			"starts_on": "2026-01-05", "description": "Baris\u0000", "name": "Tenun\tIkat"}))
		if got["description"] != "control_chars" || got["name"] != "control_chars" {
			t.Fatalf("program: %v", got)
		}

		// Page forms answer a page that names the field.
		b := e.Browser()
		b.Get("/login").Expect(http.StatusOK)
		b.Post("/login", testkit.Form("email", "ibu\x00@example.org", "password", testkit.Password)).
			Expect(http.StatusUnprocessableEntity).Contains("Isian tidak bisa diterima", "<code>email</code>", "Tidak boleh berisi karakter kontrol.")
		b.Get("/login?next=%00").Expect(http.StatusUnprocessableEntity).Contains("<code>next</code>")
		ob := e.BrowserAs(g.OwnerToken)
		ob.AcceptLanguage = "en"
		ob.Get("/t/"+g.Slug+"/beneficiaries?q=%00").Expect(http.StatusUnprocessableEntity).
			Contains("The input could not be accepted", "<code>q</code>", "Must not contain control characters.")
	})
}
