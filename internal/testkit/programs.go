package testkit

import "net/http"

// CreateProgram starts a program in g through the API as token and returns
// the answer. body is the POST …/programs body, e.g.
// {"template_key":"tenun-ikat","starts_on":"2026-01-05"}.
func (e *Env) CreateProgram(g *Group, token string, body map[string]any) map[string]any {
	e.T.Helper()
	return e.Do(http.MethodPost, "/api/v1/t/"+g.Slug+"/programs", token, body).Expect(http.StatusCreated).Map()
}

// Enroll enrolls a beneficiary in a program of g through the API.
func (e *Env) Enroll(g *Group, token, programID, beneficiaryID string) map[string]any {
	e.T.Helper()
	return e.Do(http.MethodPost, "/api/v1/t/"+g.Slug+"/programs/"+programID+"/enrollments", token,
		map[string]any{"beneficiary_id": beneficiaryID}).Expect(http.StatusCreated).Map()
}

// RecordActivity records an activity of a program of g through the API and returns its id.
func (e *Env) RecordActivity(g *Group, token, programID, kind, heldOn string) string {
	e.T.Helper()
	res := e.Do(http.MethodPost, "/api/v1/t/"+g.Slug+"/programs/"+programID+"/activities", token,
		map[string]any{"title": "Pertemuan " + kind, "kind": kind, "held_on": heldOn}).Expect(http.StatusCreated)
	return Str(res.Map(), "id")
}

// RecordOutcome records one measurement for a beneficiary of g through the API.
func (e *Env) RecordOutcome(g *Group, token, beneficiaryID, indicator, period string, value int64) map[string]any {
	e.T.Helper()
	return e.Do(http.MethodPost, "/api/v1/t/"+g.Slug+"/beneficiaries/"+beneficiaryID+"/outcomes", token,
		map[string]any{"indicator": indicator, "period": period, "value": value}).Expect(http.StatusCreated).Map()
}

// CreatePartner adds a partner to g through the API as token and returns its id.
func (e *Env) CreatePartner(g *Group, token string, body map[string]any) string {
	e.T.Helper()
	if body == nil {
		body = map[string]any{"kind": "government", "name": "Dinas Sosial Kabupaten Kupang"}
	}
	return Str(e.Do(http.MethodPost, "/api/v1/t/"+g.Slug+"/partners", token, body).Expect(http.StatusCreated).Map(), "id")
}

func init() {
	// A closed program: every route under …/programs/{id} is exercised on
	// it, and an enrollment the isolation matrix sends (its generated body
	// names no real beneficiary) is refused as program_closed (409) before
	// any look-up, instead of a 404 that would read as "no such program".
	RegisterSeed("/api/v1/t/{slug}/programs/{id}", func(e *Env, g *Group, _ map[string]string) string {
		id := Str(e.CreateProgram(g, g.OwnerToken, map[string]any{"template_key": "olahan-kelor", "starts_on": "2026-01-05"}), "id")
		e.Do(http.MethodPatch, "/api/v1/t/"+g.Slug+"/programs/"+id, g.OwnerToken, map[string]any{"status": "closed"}).Expect(http.StatusOK)
		return id
	})
	RegisterSeed("/api/v1/t/{slug}/activities/{id}", func(e *Env, g *Group, _ map[string]string) string {
		program := Str(e.CreateProgram(g, g.OwnerToken, map[string]any{"template_key": "olahan-kelor", "starts_on": "2026-01-05"}), "id")
		return e.RecordActivity(g, g.OwnerToken, program, "other", "2026-01-10")
	})
	// Outcomes and progress hang under a beneficiary; a plain one serves.
	if !seeded("/api/v1/t/{slug}/beneficiaries/{id}") {
		RegisterSeed("/api/v1/t/{slug}/beneficiaries/{id}", func(e *Env, g *Group, _ map[string]string) string {
			return e.CreateBeneficiary(g, g.OwnerToken, nil)
		})
	}
	RegisterSeed("/api/v1/t/{slug}/enrollments/{id}", func(e *Env, g *Group, _ map[string]string) string {
		program := Str(e.CreateProgram(g, g.OwnerToken, map[string]any{"template_key": "olahan-kelor", "starts_on": "2026-01-05"}), "id")
		return Str(e.Enroll(g, g.OwnerToken, program, e.CreateBeneficiary(g, g.OwnerToken, nil)), "id")
	})
	RegisterSeed("/api/v1/t/{slug}/partners/{id}", func(e *Env, g *Group, _ map[string]string) string {
		return e.CreatePartner(g, g.OwnerToken, nil)
	})
}

// seeded reports whether prefix already has a seed (another feature's
// fixture file may register the same one).
func seeded(prefix string) bool {
	seeds.mu.Lock()
	defer seeds.mu.Unlock()
	return seeds.m[prefix] != nil
}
