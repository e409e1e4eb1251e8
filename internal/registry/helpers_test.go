package registry_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/peduli/peduli/internal/testkit"
)

// rows reads the database directly, as the schema owner.
func rows(t *testing.T, e *testkit.Env, sql string, args ...any) []map[string]any {
	t.Helper()
	var out []map[string]any
	if err := e.Owner.Global(context.Background()).Raw(sql, args...).Scan(&out).Error; err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return out
}

// count counts a tenant's rows in table.
func count(t *testing.T, e *testkit.Env, table, tenantID string) int64 {
	t.Helper()
	var n int64
	if err := e.Owner.Global(context.Background()).Table(table).Where("tenant_id = ?", tenantID).Count(&n).Error; err != nil {
		t.Fatalf("count %s: %v", table, err)
	}
	return n
}

// beneficiariesURL is the collection path of g.
func beneficiariesURL(g *testkit.Group) string { return "/api/v1/t/" + g.Slug + "/beneficiaries" }

// get reads one beneficiary as token and returns the decoded body.
func get(e *testkit.Env, g *testkit.Group, token, id string) map[string]any {
	return e.Do(http.MethodGet, beneficiariesURL(g)+"/"+id, token, nil).Expect(http.StatusOK).Map()
}

// auditActions lists the actions recorded about entityID, oldest first.
func auditActions(t *testing.T, e *testkit.Env, tenantID, entityID string) []string {
	t.Helper()
	var out []string
	for _, r := range rows(t, e, "SELECT action FROM audit_events WHERE tenant_id = ? AND entity_id = ? ORDER BY created_at, id", tenantID, entityID) {
		out = append(out, testkit.Text(r["action"]))
	}
	return out
}

// birth is the default birth date of fixture beneficiaries.
func birth() time.Time { return time.Date(1985, 7, 1, 0, 0, 0, 0, time.UTC) }
