package app_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/testkit"
)

// recorder keeps the failures the matrix reports instead of failing.
type recorder struct {
	testing.TB
	errors []string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

const leakyDoc = `openapi: 3.0.3
info: {title: leak, version: "1"}
paths:
  /leak/t/{slug}/things/{id}:
    get:
      x-permission: people:read
      parameters:
        - {name: slug, in: path, required: true, schema: {type: string}}
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        "200": {description: the thing}
`

// TestIsolationMatrixCatchesALeak runs the matrix on a route that serves
// any signed-in user whatever group and id she names: it must object.
func TestIsolationMatrixCatchesALeak(t *testing.T) {
	spec, err := testkit.ParseSpec([]byte(leakyDoc))
	if err != nil {
		t.Fatal(err)
	}
	testkit.RegisterSeed("/leak/t/{slug}/things/{id}", func(*testkit.Env, *testkit.Group, map[string]string) string {
		return db.NewID()
	})
	e := testkit.New(t, db.SQLite)
	e.App.HTTP.Get("/leak/t/:slug/things/:id", identity.RequireUser, func(c *fiber.Ctx) error {
		return c.JSON(fiber.Map{"id": c.Params("id")})
	})
	rec := &recorder{TB: t}
	m := &matrix{e: e, t: rec, op: spec.Operations()[0], w: newWorld(t, e)}
	m.run()
	// Exactly one failure for each caller the route should have refused: B's
	// slug as each of A's roles, a stranger, a platform admin and the
	// coordinator; B's ids on A's slug as each of A's roles; A's own thing
	// as each role without people:read.
	var want []string
	for _, r := range rolesOwnerFirst {
		want = append(want, "A's "+string(r))
	}
	want = append(want, "a stranger", "a platform admin", "the region's coordinator")
	for _, r := range rolesOwnerFirst {
		want = append(want, "A's "+string(r)+" with B's ids")
	}
	for _, r := range rolesOwnerFirst {
		if !e.App.Access.RoleMay(r, access.PeopleRead) {
			want = append(want, "A's "+string(r))
		}
	}
	if len(rec.errors) != len(want) {
		t.Fatalf("the matrix reported %d failures, want exactly %d (%s):\n%s", len(rec.errors), len(want),
			strings.Join(want, "; "), strings.Join(rec.errors, "\n"))
	}
	for i, who := range want {
		if !strings.Contains(rec.errors[i], " as "+who+": 200") {
			t.Errorf("failure %d = %q, want one for %s answered 200", i, rec.errors[i], who)
		}
	}
}
