package app_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/peduli/peduli/internal/testkit"
)

// sendRaw posts body to the sign-up route with an explicit content type.
func sendRaw(e *testkit.Env, contentType string, body any) *testkit.Response {
	var s string
	switch b := body.(type) {
	case string:
		s = b
	default:
		raw, _ := json.Marshal(b)
		s = string(raw)
	}
	if len(s) > 1<<20 {
		// Over the body limit the server answers before reading it all,
		// which only a real connection shows.
		req, _ := http.NewRequest(http.MethodPost, e.URL()+"/api/v1/signup", strings.NewReader(s))
		req.Header.Set("Content-Type", contentType)
		res, err := testkit.Client.Do(req)
		if err != nil {
			e.T.Fatalf("oversized request: %v", err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return testkit.NewResponse(e.T, res.StatusCode, res.Header, b)
	}
	req := httptest.NewRequest(http.MethodPost, "/api/v1/signup", strings.NewReader(s))
	req.Header.Set("Content-Type", contentType)
	return e.Send(req)
}
