package app_test

import (
	"encoding/json"
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
		return e.Oversized(http.MethodPost, "/api/v1/signup", "", len(s))
	}
	req := httptest.NewRequest(http.MethodPost, "/api/v1/signup", strings.NewReader(s))
	req.Header.Set("Content-Type", contentType)
	return e.Send(req)
}
