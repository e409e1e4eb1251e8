package testkit

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// Response is what a client saw.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
	t      testing.TB
}

// Do sends a request through the App. body may be nil, a []byte or string
// (sent as is, as JSON), or any value (marshalled to JSON). token, when set,
// goes in the Authorization header.
func (e *Env) Do(method, path, token string, body any) *Response {
	e.T.Helper()
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case []byte:
		r = bytes.NewReader(b)
	case string:
		r = strings.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			e.T.Fatalf("marshal body: %v", err)
		}
		r = bytes.NewReader(raw)
	}
	req := httptest.NewRequest(method, path, r)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return e.Send(req)
}

// Send sends a prepared request through the App.
func (e *Env) Send(req *http.Request) *Response {
	e.T.Helper()
	// Keep the request body: a request the server accepts is checked
	// against the OpenAPI file too.
	var reqBody []byte
	if req.Body != nil {
		reqBody, _ = io.ReadAll(req.Body)
		req.Body = io.NopCloser(bytes.NewReader(reqBody))
	}
	res, err := e.App.HTTP.Test(req, -1)
	if err != nil {
		e.T.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	e.checkOpenAPI(req, reqBody, res.StatusCode, res.Header, b)
	return &Response{Status: res.StatusCode, Header: res.Header, Body: b, t: e.T}
}

// NewResponse wraps what a client saw outside Env.Do.
func NewResponse(t testing.TB, status int, h http.Header, body []byte) *Response {
	return &Response{Status: status, Header: h, Body: body, t: t}
}

// JSON decodes the body into v, failing the test if it is not JSON.
func (r *Response) JSON(v any) {
	r.t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		r.t.Fatalf("response is not JSON (%v): %s", err, r.Body)
	}
}

// Map decodes the body as a JSON object.
func (r *Response) Map() map[string]any {
	r.t.Helper()
	var m map[string]any
	r.JSON(&m)
	return m
}

// Expect fails the test unless the status is want; it returns r for chaining.
func (r *Response) Expect(want int) *Response {
	r.t.Helper()
	if r.Status != want {
		r.t.Fatalf("status %d, want %d; body: %s", r.Status, want, truncate(r.Body))
	}
	return r
}

// ExpectProblem fails the test unless r is a problem with status and code.
func (r *Response) ExpectProblem(status int, code string) map[string]any {
	r.t.Helper()
	r.Expect(status)
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
		r.t.Fatalf("content type %q, want application/problem+json", ct)
	}
	m := r.Map()
	if m["code"] != code {
		r.t.Fatalf("problem code %v, want %s; body: %s", m["code"], code, r.Body)
	}
	return m
}

func truncate(b []byte) string {
	if len(b) > 600 {
		return string(b[:600]) + "…"
	}
	return string(b)
}

// Str walks a decoded JSON object by keys and returns the string there.
func Str(m map[string]any, keys ...string) string {
	var cur any = m
	for _, k := range keys {
		obj, ok := cur.(map[string]any)
		if !ok {
			return ""
		}
		cur = obj[k]
	}
	s, _ := cur.(string)
	return s
}
