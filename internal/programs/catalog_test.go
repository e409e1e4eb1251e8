package programs_test

import (
	"context"
	"net/http"
	"reflect"
	"testing"

	"gorm.io/gorm"

	"github.com/peduli/peduli/internal/provision"
	"github.com/peduli/peduli/internal/testkit"
	"github.com/peduli/peduli/tenants"
)

func newTemplate(key string, version int, activity string) map[string]any {
	return map[string]any{
		"key": key, "version": version, "category": "uep", "graduation_periods": 2,
		"name":        map[string]any{"id": "Usaha Sabun Kelor", "en": "Moringa soap enterprise"},
		"description": map[string]any{"id": "Sabun dari kelor", "en": "Soap from moringa"},
		"activities":  []any{map[string]any{"key": activity, "name": map[string]any{"id": "Kegiatan", "en": "Activity"}}},
		"indicators": []any{map[string]any{"key": "monthly_income", "name": map[string]any{"id": "Pendapatan", "en": "Income"},
			"unit": "IDR", "direction": "up", "income": true}},
	}
}

// TestTemplateVersioning: a platform admin adds versions; a program keeps
// the version it started from; versions only go up; nobody else may add one.
func TestTemplateVersioning(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		admin := e.PlatformAdmin()
		g := e.SignupGroup("Sabun Sejahtera")
		key := "sabun-kelor-" + testkit.Unique("v")[2:]
		const add = "/api/v1/admin/program-templates"

		v1 := e.Do(http.MethodPost, add, admin.Token, newTemplate(key, 1, "membuat_sabun")).Expect(http.StatusCreated).Map()
		if v1["version"].(float64) != 1 || v1["key"] != key {
			t.Fatalf("v1 = %v", v1)
		}
		prog := e.CreateProgram(g, g.OwnerToken, map[string]any{"template_key": key, "starts_on": "2026-03-01"})
		pid := prog["id"].(string)

		// Version 2 changes the activities; absent version means "next".
		body := newTemplate(key, 0, "menjual_sabun")
		v2 := e.Do(http.MethodPost, add, admin.Token, body).Expect(http.StatusCreated).Map()
		if v2["version"].(float64) != 2 {
			t.Fatalf("v2 = %v", v2)
		}
		got := e.Do(http.MethodGet, "/api/v1/t/"+g.Slug+"/programs/"+pid, g.OwnerToken, nil).Expect(http.StatusOK).Map()
		acts := got["activities"].([]any)
		if got["template_version"].(float64) != 1 || len(acts) != 1 || acts[0].(map[string]any)["key"] != "membuat_sabun" {
			t.Fatalf("program changed with the template: %v", got)
		}
		// The old activity kind still works in the old program; the new one does not.
		e.RecordActivity(g, g.OwnerToken, pid, "membuat_sabun", "2026-03-02")
		e.Do(http.MethodPost, "/api/v1/t/"+g.Slug+"/programs/"+pid+"/activities", g.OwnerToken,
			map[string]any{"title": "Jual", "kind": "menjual_sabun", "held_on": "2026-03-02"}).ExpectProblem(http.StatusUnprocessableEntity, "validation_failed")
		// New programs take the latest version, or the one asked for.
		if p := e.CreateProgram(g, g.OwnerToken, map[string]any{"template_key": key, "starts_on": "2026-04-01"}); p["template_version"].(float64) != 2 {
			t.Fatalf("new program = %v", p)
		}
		if p := e.CreateProgram(g, g.OwnerToken, map[string]any{"template_key": key, "template_version": 1, "starts_on": "2026-04-01"}); p["template_version"].(float64) != 1 {
			t.Fatalf("pinned program = %v", p)
		}

		// The catalog shows the latest by default and every version on ?all=1.
		latest := findTemplate(t, e.Do(http.MethodGet, "/api/v1/program-templates", g.OwnerToken, nil).Expect(http.StatusOK).Map(), key)
		if latest["version"].(float64) != 2 {
			t.Fatalf("latest = %v", latest)
		}
		n := 0
		for _, it := range e.Do(http.MethodGet, "/api/v1/program-templates?all=1", g.OwnerToken, nil).Expect(http.StatusOK).Map()["items"].([]any) {
			if it.(map[string]any)["key"] == key {
				n++
			}
		}
		if n != 2 {
			t.Fatalf("all versions of %s: %d", key, n)
		}

		// Versions only go up; others may not add; bad entries are refused.
		e.Do(http.MethodPost, add, admin.Token, newTemplate(key, 2, "x")).ExpectProblem(http.StatusConflict, "template_version_exists")
		e.Do(http.MethodPost, add, admin.Token, newTemplate(key, 1, "x")).ExpectProblem(http.StatusConflict, "template_version_exists")
		e.Do(http.MethodPost, add, g.OwnerToken, newTemplate(key, 3, "x")).ExpectProblem(http.StatusForbidden, "forbidden")
		e.Do(http.MethodPost, add, "", newTemplate(key, 3, "x")).ExpectProblem(http.StatusUnauthorized, "unauthenticated")
		e.Do(http.MethodGet, "/api/v1/program-templates", "", nil).ExpectProblem(http.StatusUnauthorized, "unauthenticated")
		bad := newTemplate(key, 3, "Bad Key")
		bad["indicators"] = []any{map[string]any{"key": "income", "name": map[string]any{"id": "P"}, "unit": "IDR", "direction": "down", "income": true}}
		p := e.Do(http.MethodPost, add, admin.Token, bad).ExpectProblem(http.StatusUnprocessableEntity, "validation_failed")
		fields := map[string]bool{}
		for _, f := range p["errors"].([]any) {
			fields[f.(map[string]any)["field"].(string)] = true
		}
		for _, want := range []string{"activities[0].key", "indicators[0].name.en", "indicators[0].income"} {
			if !fields[want] {
				t.Errorf("no error on %s: %v", want, p["errors"])
			}
		}
		e.Do(http.MethodPost, add, admin.Token, `{"key": 5}`).ExpectProblem(http.StatusBadRequest, "malformed_request")
		if n := countTemplates(t, e, key); n != 2 {
			t.Fatalf("%d versions stored after refused adds, want 2", n)
		}
	})
}

func countTemplates(t *testing.T, e *testkit.Env, key string) int64 {
	t.Helper()
	var n int64
	if err := e.Owner.Global(t.Context()).Table("program_templates").Where("key = ?", key).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// TestApplyTemplatesTwice: the shipped catalog is in the database after
// start-up, and applying the same directory again writes nothing.
func TestApplyTemplatesTwice(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		ctx := context.Background()
		dump := func() []map[string]any {
			var rows []map[string]any
			if err := e.Owner.Global(ctx).Table("program_templates").Where("created_by IS NULL").Order("key, version").Find(&rows).Error; err != nil {
				t.Fatal(err)
			}
			return rows
		}
		before := dump()
		keys := map[string]bool{}
		for _, r := range before {
			keys[testkit.Text(r["key"])] = true
		}
		for _, k := range []string{"tenun-ikat", "olahan-kelor", "kebun-gizi", "pangan-lokal", "simpan-pinjam"} {
			if !keys[k] {
				t.Fatalf("shipped template %s not applied: %v", k, keys)
			}
		}
		writes := 0
		count := func(tx *gorm.DB) {
			if tx.Statement.Table == "program_templates" {
				writes++
			}
		}
		cb := e.App.DB.Global(ctx).Callback()
		if err := cb.Create().After("gorm:create").Register("test:count_template_creates", count); err != nil {
			t.Fatal(err)
		}
		if err := cb.Update().After("gorm:update").Register("test:count_template_updates", count); err != nil {
			t.Fatal(err)
		}
		if err := e.App.Provision(ctx); err != nil {
			t.Fatal(err)
		}
		if writes != 0 {
			t.Fatalf("a second apply wrote program_templates %d times", writes)
		}
		if after := dump(); !reflect.DeepEqual(before, after) {
			t.Fatalf("templates changed on a second apply")
		}
		// The counter does see writes: a changed declaration is one upsert.
		b, err := provision.Load(tenants.FS)
		if err != nil {
			t.Fatal(err)
		}
		b.Templates = b.Templates[:1]
		b.Templates[0].Description.EN += " (revised)"
		if err := e.App.Programs.ApplyTemplates(ctx, b); err != nil {
			t.Fatal(err)
		}
		if writes != 1 {
			t.Fatalf("a changed template took %d writes, want 1", writes)
		}
		if err := e.App.Provision(ctx); err != nil { // restore the shipped text
			t.Fatal(err)
		}
	})
}
