package app_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/testkit"
	"github.com/peduli/peduli/tenants"
)

func TestMain(m *testing.M) { testkit.Main(m) }

func count(t *testing.T, e *testkit.Env, table string) int64 {
	t.Helper()
	var n int64
	if err := e.Owner.Global(context.Background()).Table(table).Count(&n).Error; err != nil {
		t.Fatalf("count %s: %v", table, err)
	}
	return n
}

func TestBadBodiesGetProblemsAndChangeNothing(t *testing.T) {
	valid := func() map[string]any {
		return map[string]any{
			"group": map[string]any{"name": "Kelompok Uji", "slug": testkit.Unique("uji"), "region_code": "53.01.08.2011"},
			"owner": map[string]any{"name": "Ibu Uji", "email": testkit.Unique("uji") + "@example.org", "password": testkit.Password},
		}
	}
	cases := []struct {
		name, contentType string
		body              any
		status            int
		code, field       string
	}{
		{"not json", "application/json", `{"group": `, 400, "malformed_request", ""},
		{"wrong type", "application/json", `{"group":{"name":42}}`, 400, "malformed_request", "group.name"},
		{"two values", "application/json", `{} {}`, 400, "malformed_request", ""},
		{"form content type", "application/x-www-form-urlencoded", "group=x", 400, "malformed_request", ""},
		{"oversized", "application/json", `{"group":{"name":"` + strings.Repeat("a", 2<<20) + `"}}`, 413, "payload_too_large", ""},
		{"missing fields", "application/json", `{}`, 422, "validation_failed", "owner.email"},
		{"bad email", "application/json", func() any { b := valid(); b["owner"].(map[string]any)["email"] = "not-an-email"; return b }(), 422, "validation_failed", "owner.email"},
		{"short password", "application/json", func() any { b := valid(); b["owner"].(map[string]any)["password"] = "short"; return b }(), 422, "validation_failed", "owner.password"},
		{"long name", "application/json", func() any { b := valid(); b["group"].(map[string]any)["name"] = strings.Repeat("n", 500); return b }(), 422, "validation_failed", "group.name"},
		{"unknown region", "application/json", func() any { b := valid(); b["group"].(map[string]any)["region_code"] = "99.99"; return b }(), 422, "validation_failed", "group.region_code"},
		{"bad slug", "application/json", func() any { b := valid(); b["group"].(map[string]any)["slug"] = "Bad Slug!"; return b }(), 422, "validation_failed", "group.slug"},
	}
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		tenantsBefore, usersBefore := count(t, e, "tenants"), count(t, e, "users")
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				res := sendRaw(e.With(t), tc.contentType, tc.body)
				p := res.ExpectProblem(tc.status, tc.code)
				if tc.field != "" && !hasField(p, tc.field) {
					t.Errorf("problem does not name field %s: %s", tc.field, res.Body)
				}
			})
		}
		if count(t, e, "tenants") != tenantsBefore || count(t, e, "users") != usersBefore {
			t.Fatalf("a refused sign-up wrote rows")
		}
	})
}

func hasField(p map[string]any, field string) bool {
	list, _ := p["errors"].([]any)
	for _, f := range list {
		if m, ok := f.(map[string]any); ok && m["field"] == field && m["message"] != "" {
			return true
		}
	}
	return false
}

func TestDuplicateSlugAndEmailConflict(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Pertama")
		e.Do(http.MethodPost, "/api/v1/signup", "", map[string]any{
			"group": map[string]any{"name": "Lain", "slug": g.Slug, "region_code": "53.01"},
			"owner": map[string]any{"name": "Ibu Lain", "email": testkit.Unique("x") + "@example.org", "password": testkit.Password},
		}).ExpectProblem(http.StatusConflict, "slug_taken")
		// The database is shared by every run of this test binary: a fresh name.
		other := "Lain " + strings.ReplaceAll(testkit.Unique("lagi"), "-", " ")
		e.Do(http.MethodPost, "/api/v1/signup", "", map[string]any{
			"group": map[string]any{"name": other, "region_code": "53.01"},
			"owner": map[string]any{"name": "Ibu Lain", "email": g.OwnerEmail, "password": testkit.Password},
		}).ExpectProblem(http.StatusConflict, "email_taken")
		// Neither failed sign-up left a group behind.
		e.Do(http.MethodPost, "/api/v1/signup", "", map[string]any{
			"group": map[string]any{"name": other, "region_code": "53.01"},
			"owner": map[string]any{"name": "Ibu Baru", "email": testkit.Unique("y") + "@example.org", "password": testkit.Password},
		}).Expect(http.StatusCreated)
	})
}

func TestSignupDerivesSlugAndPlaceFromRegion(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		name := "Kelompok Ibu " + strings.ReplaceAll(testkit.Unique("Tarus"), "-", " ")
		res := e.Do(http.MethodPost, "/api/v1/signup", "", map[string]any{
			"group": map[string]any{"name": name, "region_code": "53.01.08.1007"},
			"owner": map[string]any{"name": "Ibu Tarus", "email": testkit.Unique("t") + "@example.org", "password": testkit.Password},
		}).Expect(http.StatusCreated).Map()
		tenant := res["tenant"].(map[string]any)
		if !strings.HasPrefix(tenant["slug"].(string), "kelompok-ibu-tarus-") || tenant["verified"] != false || tenant["status"] != "active" {
			t.Errorf("tenant = %v", tenant)
		}
		if tenant["village"] != "Tarus" || tenant["district"] != "Kupang Tengah" || tenant["regency"] != "Kabupaten Kupang" {
			t.Errorf("place not derived from the region tree: %v", tenant)
		}
	})
}

func TestOtherTenantSees404AndViewerGets403(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		a, b := e.SignupGroup("Kelompok A"), e.SignupGroup("Kelompok B")
		bViewer := e.AddMember(b, access.Viewer)
		stranger := e.Stranger()
		routes := []struct{ method, path string }{
			{http.MethodGet, "/api/v1/t/" + b.Slug},
			{http.MethodGet, "/api/v1/t/" + b.Slug + "/team"},
			{http.MethodPost, "/api/v1/t/" + b.Slug + "/team"},
			{http.MethodPatch, "/api/v1/t/" + b.Slug + "/team/" + bViewer.UserID},
			{http.MethodDelete, "/api/v1/t/" + b.Slug + "/team/" + bViewer.UserID},
		}
		body := map[string]any{"email": "z@example.org", "role": "viewer"}
		for _, r := range routes {
			e.Do(r.method, r.path, a.OwnerToken, body).ExpectProblem(http.StatusNotFound, "not_found")
			e.Do(r.method, r.path, stranger.Token, body).ExpectProblem(http.StatusNotFound, "not_found")
			e.Do(r.method, r.path, "", body).ExpectProblem(http.StatusUnauthorized, "unauthenticated")
		}
		e.Do(http.MethodGet, "/api/v1/t/no-such-group", a.OwnerToken, nil).ExpectProblem(http.StatusNotFound, "not_found")
		e.Do(http.MethodPatch, "/api/v1/t/"+b.Slug+"/team/not-a-uuid", b.OwnerToken, body).ExpectProblem(http.StatusNotFound, "not_found")

		// B's viewer reads but cannot write.
		e.Do(http.MethodGet, "/api/v1/t/"+b.Slug+"/team", bViewer.Token, nil).Expect(http.StatusOK)
		e.Do(http.MethodPost, "/api/v1/t/"+b.Slug+"/team", bViewer.Token, body).ExpectProblem(http.StatusForbidden, "forbidden")
		e.Do(http.MethodPatch, "/api/v1/t/"+b.Slug+"/team/"+b.OwnerID, bViewer.Token, map[string]any{"role": "viewer"}).
			ExpectProblem(http.StatusForbidden, "forbidden")
	})
}

func TestSuspendedTenantRefusesItsMembers(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Ditangguhkan")
		err := e.Owner.Global(context.Background()).Exec("UPDATE tenants SET status = 'suspended' WHERE id = ?", g.TenantID).Error
		if err != nil {
			t.Fatal(err)
		}
		e.Do(http.MethodGet, "/api/v1/t/"+g.Slug+"/team", g.OwnerToken, nil).ExpectProblem(http.StatusForbidden, "tenant_suspended")
		e.Do(http.MethodGet, "/api/v1/t/"+g.Slug, e.Stranger().Token, nil).ExpectProblem(http.StatusNotFound, "not_found")
	})
}

func TestApplyTwiceChangesNothing(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		ctx := context.Background()
		snapshot := func() string {
			var b strings.Builder
			for _, q := range []string{
				"SELECT code || '|' || name || '|' || COALESCE(parent_code, '') || '|' || level FROM regions ORDER BY code",
				"SELECT region_code || '|' || year || '|' || amount FROM region_wages ORDER BY region_code, year",
				"SELECT slug || '|' || name || '|' || region_code || '|' || updated_at FROM tenants WHERE slug = 'rindu-sejahtera'",
			} {
				var rows []string
				if err := e.Owner.Global(ctx).Raw(q).Scan(&rows).Error; err != nil {
					t.Fatal(err)
				}
				b.WriteString(strings.Join(rows, "\n"))
			}
			return b.String()
		}
		before := snapshot()
		if !strings.Contains(before, "53.01.08.2011|Penfui Timur|53.01.08|4") || !strings.Contains(before, "rindu-sejahtera|Rindu Sejahtera|53.01.08.2011") {
			t.Fatalf("tenants directory not applied:\n%s", before)
		}
		for range 2 {
			if err := e.App.Apply(ctx, tenants.FS); err != nil {
				t.Fatal(err)
			}
		}
		if after := snapshot(); after != before {
			t.Fatalf("applying twice changed the database")
		}

		// A coordinator's decision survives the next start's apply.
		g := e.Owner.Global(ctx)
		if err := g.Exec("UPDATE tenants SET verified = ? WHERE slug = 'rindu-sejahtera'", false).Error; err != nil {
			t.Fatal(err)
		}
		if err := e.App.Apply(ctx, tenants.FS); err != nil {
			t.Fatal(err)
		}
		var verified bool
		if err := g.Raw("SELECT verified FROM tenants WHERE slug = 'rindu-sejahtera'").Scan(&verified).Error; err != nil {
			t.Fatal(err)
		}
		if verified {
			t.Fatal("apply re-verified a group its coordinator had un-verified")
		}
	})
}

func TestHealthAndReadiness(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		e.Do(http.MethodGet, "/healthz", "", nil).Expect(http.StatusOK)
		e.Do(http.MethodGet, "/readyz", "", nil).Expect(http.StatusOK)
		res := e.Do(http.MethodGet, "/api/v1/regions", "", nil).Expect(http.StatusOK)
		for _, h := range []string{"X-Content-Type-Options", "Content-Security-Policy", "Referrer-Policy", "X-Request-Id"} {
			if res.Header.Get(h) == "" {
				t.Errorf("missing header %s", h)
			}
		}
		if err := e.App.DB.Close(); err != nil {
			t.Fatal(err)
		}
		if got := e.Do(http.MethodGet, "/readyz", "", nil).Status; got != http.StatusServiceUnavailable {
			t.Fatalf("readyz with the database gone: %d, want 503", got)
		}
		e.Do(http.MethodGet, "/healthz", "", nil).Expect(http.StatusOK)
	})
}
