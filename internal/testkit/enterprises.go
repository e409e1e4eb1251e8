package testkit

import "net/http"

// CreateEnterprise records an enterprise of a beneficiary of g through the
// API as token and returns its id.
func (e *Env) CreateEnterprise(g *Group, token, beneficiaryID string, body map[string]any) string {
	e.T.Helper()
	if body == nil {
		body = map[string]any{"kind": "tenun-ikat", "name": "Tenun " + Unique("ikat"), "started_on": "2025-01-06"}
	}
	return Str(e.Do(http.MethodPost, "/api/v1/t/"+g.Slug+"/beneficiaries/"+beneficiaryID+"/enterprises", token, body).
		Expect(http.StatusCreated).Map(), "id")
}

func init() {
	RegisterSeed("/api/v1/t/{slug}/enterprises/{id}", func(e *Env, g *Group, _ map[string]string) string {
		return e.CreateEnterprise(g, g.OwnerToken, e.CreateBeneficiary(g, g.OwnerToken, nil), nil)
	})
	RegisterSeed("/api/v1/t/{slug}/enterprises/{id}/books/{period}", func(*Env, *Group, map[string]string) string {
		return "2026-01"
	})
}
