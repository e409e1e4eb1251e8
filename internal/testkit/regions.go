package testkit

import (
	"context"
	"net/http"
)

// Regions' seeds: a coordinator of the matrix region to remove, and a
// region report queued for the background (two months, which the rollup
// never keeps).
func init() {
	RegisterSeed("/api/v1/regions/{code}/reports/{id}", func(e *Env, _ *Group, parents map[string]string) string {
		res, err := e.App.Regions.QueueReport(context.Background(), parents["code"], "2025-01-01", "2025-02-28")
		if err != nil {
			e.T.Fatalf("seed region report: %v", err)
		}
		return res.ID
	})
	RegisterSeed("/api/v1/admin/regions/{code}/coordinators/{user_id}", func(e *Env, _ *Group, parents map[string]string) string {
		m := e.Stranger()
		if err := e.App.Access.AddCoordinator(m.UserID, parents["code"]); err != nil {
			e.T.Fatalf("seed coordinator: %v", err)
		}
		return m.UserID
	})
}

// SignupGroupIn signs up a new group in region code through the API.
func (e *Env) SignupGroupIn(name, code string) *Group {
	e.T.Helper()
	slug := Unique("grp")
	email := slug + "@example.org"
	res := e.Do(http.MethodPost, "/api/v1/signup", "", map[string]any{
		"group": map[string]any{"name": name, "slug": slug, "region_code": code},
		"owner": map[string]any{"name": "Ketua " + name, "email": email, "password": Password},
	}).Expect(http.StatusCreated)
	m := res.Map()
	return &Group{Slug: slug, TenantID: Str(m, "tenant", "id"), OwnerID: Str(m, "user", "id"),
		OwnerEmail: email, OwnerToken: Str(m, "token")}
}

// Coordinator makes a new account and has a platform admin assign it to
// region code through the API.
func (e *Env) Coordinator(code string) *Member {
	e.T.Helper()
	m := e.Stranger()
	e.VerifyEmail(m.UserID) // roles granted by email need a verified address
	admin := e.PlatformAdmin()
	e.Do(http.MethodPost, "/api/v1/admin/regions/"+code+"/coordinators", admin.Token,
		map[string]any{"email": m.Email}).Expect(http.StatusCreated)
	m.Role = "coordinator"
	return m
}

// RefreshFigures runs the coordinators' rollup job once, as the server's
// periodic job would, so tests see figures of the data they just wrote.
func (e *Env) RefreshFigures() {
	e.T.Helper()
	if _, err := e.App.Regions.RefreshStale(context.Background()); err != nil {
		e.T.Fatalf("refresh figures: %v", err)
	}
}
