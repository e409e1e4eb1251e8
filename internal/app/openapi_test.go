package app_test

import (
	"net/http"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/testkit"
)

// Every response the suite receives through testkit.Env.Send is checked
// against api/openapi.yaml (status listed, body and content type matching);
// these tests check the file itself and that it and the router agree.

func TestOpenAPIFileIsValid(t *testing.T) {
	s, err := testkit.LoadSpec()
	if err != nil {
		t.Fatal(err)
	}
	for _, op := range s.Operations() {
		if op.Op.Responses == nil || op.Op.Responses.Len() == 0 {
			t.Errorf("%s lists no responses", op)
		}
	}
}

var fiberParam = regexp.MustCompile(`:([A-Za-z0-9_]+)\??`)

// TestRoutesAndOpenAPIAgree fails for a mounted API route the file does not
// describe, and for an operation in the file that no route serves.
func TestRoutesAndOpenAPIAgree(t *testing.T) {
	s, err := testkit.LoadSpec()
	if err != nil {
		t.Fatal(err)
	}
	e := testkit.New(t, db.SQLite)
	mounted := map[string]bool{}
	for _, r := range e.App.HTTP.GetRoutes(true) {
		if r.Method == http.MethodHead || r.Method == "USE" {
			continue
		}
		if !strings.HasPrefix(r.Path, "/api/") && r.Path != "/healthz" && r.Path != "/readyz" {
			continue
		}
		path := fiberParam.ReplaceAllString(strings.TrimSuffix(r.Path, "/"), "{$1}")
		mounted[r.Method+" "+path] = true
	}
	described := map[string]bool{}
	for _, op := range s.Operations() {
		described[op.String()] = true
	}
	var missing, unserved []string
	for k := range mounted {
		if !described[k] {
			missing = append(missing, k)
		}
	}
	for k := range described {
		if !mounted[k] {
			unserved = append(unserved, k)
		}
	}
	sort.Strings(missing)
	sort.Strings(unserved)
	for _, k := range missing {
		t.Errorf("route %s is mounted but missing from api/openapi.yaml", k)
	}
	for _, k := range unserved {
		t.Errorf("api/openapi.yaml describes %s but no route serves it", k)
	}
}

// TestConformanceCheckCatchesMismatches proves the check is not blind.
func TestConformanceCheckCatchesMismatches(t *testing.T) {
	s, err := testkit.LoadSpec()
	if err != nil {
		t.Fatal(err)
	}
	json := http.Header{"Content-Type": {"application/json"}}
	cases := []struct {
		name, method, path string
		status             int
		body               string
	}{
		{"undocumented route", http.MethodGet, "/api/v1/nowhere-documented", 200, `{}`},
		{"undocumented status", http.MethodGet, "/healthz", 418, `{"status":"ok"}`},
		{"body missing a required field", http.MethodGet, "/healthz", 200, `{}`},
		{"field of the wrong type", http.MethodGet, "/api/v1/regions", 200, `{"items":"none"}`},
	}
	for _, c := range cases {
		req, _ := http.NewRequest(c.method, c.path, nil)
		if err := s.CheckResponse(req, c.status, json, []byte(c.body)); err == nil {
			t.Errorf("%s: the conformance check accepted it", c.name)
		}
	}
	req, _ := http.NewRequest(http.MethodGet, "/healthz", nil)
	if err := s.CheckResponse(req, 200, json, []byte(`{"status":"ok"}`)); err != nil {
		t.Errorf("a conforming answer was refused: %v", err)
	}
}
