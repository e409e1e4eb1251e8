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
		// The server may close the connection while the client is still
		// writing, before the client reads the 413; try again then.
		var lastErr error
		for range 5 {
			req, _ := http.NewRequest(http.MethodPost, e.URL()+"/api/v1/signup", strings.NewReader(s))
			req.Header.Set("Content-Type", contentType)
			res, err := testkit.Client.Do(req)
			if err != nil {
				lastErr = err
				continue
			}
			defer res.Body.Close()
			b, _ := io.ReadAll(res.Body)
			return testkit.NewResponse(e.T, res.StatusCode, res.Header, b)
		}
		e.T.Fatalf("oversized request: %v", lastErr)
	}
	req := httptest.NewRequest(http.MethodPost, "/api/v1/signup", strings.NewReader(s))
	req.Header.Set("Content-Type", contentType)
	return e.Send(req)
}
