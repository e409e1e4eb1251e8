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
	RegisterSeed("/api/v1/t/{slug}/arisan-rounds/{id}", func(e *Env, g *Group, _ map[string]string) string {
		members := []string{e.CreateBeneficiary(g, g.OwnerToken, nil), e.CreateBeneficiary(g, g.OwnerToken, nil)}
		return Str(e.Do(http.MethodPost, "/api/v1/t/"+g.Slug+"/arisan-rounds", g.OwnerToken, map[string]any{"name": "Arisan",
			"contribution": 1_000_000, "starts_on": "2026-01-05", "draw": "lot", "members": members}).Expect(http.StatusCreated).Map(), "id")
	})
	RegisterSeed("/api/v1/t/{slug}/loans/{id}", func(e *Env, g *Group, _ map[string]string) string {
		return Str(e.FundLoan(g, nil), "id")
	})
}

// FundLoan deposits savings for a new member of g (so the group holds
// cash) and lends her money through the API as the owner; it returns the
// loan's answer.
func (e *Env) FundLoan(g *Group, body map[string]any) map[string]any {
	e.T.Helper()
	b := e.CreateBeneficiary(g, g.OwnerToken, nil)
	e.Do(http.MethodPost, "/api/v1/t/"+g.Slug+"/savings/deposits", g.OwnerToken, map[string]any{
		"beneficiary_id": b, "kind": "pokok", "amount": 1_000_000_000, "paid_on": "2026-01-05"}).Expect(http.StatusCreated)
	if body == nil {
		body = map[string]any{"principal": 300_000_000, "fee_percent_per_month": 1.5, "term_months": 10,
			"method": "flat", "disbursed_on": "2026-01-05"}
	}
	body["beneficiary_id"] = b
	return e.Do(http.MethodPost, "/api/v1/t/"+g.Slug+"/loans", g.OwnerToken, body).Expect(http.StatusCreated).Map()
}
