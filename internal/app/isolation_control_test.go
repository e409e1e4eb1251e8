package app_test

import (
	"testing"

	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/testkit"
)

// recorder counts the failures the matrix reports instead of failing.
type recorder struct {
	testing.TB
	errors int
}

func (r *recorder) Errorf(string, ...any) { r.errors++ }

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
	// B's slug as A's five roles, a stranger, a platform admin and the
	// coordinator; B's ids on A's slug as the two roles without people:read.
	t.Logf("the matrix reported %d failures", rec.errors)
	if rec.errors < 8 {
		t.Fatalf("the matrix reported %d failures for a route that serves every group to everyone", rec.errors)
	}
}
