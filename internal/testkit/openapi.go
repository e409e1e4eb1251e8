package testkit

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"

	"github.com/peduli/peduli/api"
)

// Spec is api/openapi.yaml, loaded and validated once per test binary:
// the authority every response of the suite is checked against.
type Spec struct {
	Doc *openapi3.T
	ops []*Operation
}

// Operation is one method on one path of the OpenAPI file.
type Operation struct {
	Method string // upper case
	Path   string // the template, e.g. /api/v1/t/{slug}/team/{user_id}
	Item   *openapi3.PathItem
	Op     *openapi3.Operation
	params []string
	re     *regexp.Regexp
}

var spec struct {
	once sync.Once
	s    *Spec
	err  error
}

// LoadSpec returns the OpenAPI file, failing if it is not valid OpenAPI 3.
func LoadSpec() (*Spec, error) {
	spec.once.Do(func() {
		spec.s, spec.err = ParseSpec(api.OpenAPI)
		if spec.err != nil {
			spec.err = fmt.Errorf("api/openapi.yaml: %w", spec.err)
		}
	})
	return spec.s, spec.err
}

// ParseSpec loads and validates an OpenAPI 3 document (tests of the
// checks themselves use small ones).
func ParseSpec(data []byte) (*Spec, error) {
	l := openapi3.NewLoader()
	doc, err := l.LoadFromData(data)
	if err == nil {
		err = doc.Validate(l.Context)
	}
	if err != nil {
		return nil, err
	}
	s := &Spec{Doc: doc}
	for path, item := range doc.Paths.Map() {
		re, params := pathPattern(path)
		for method, op := range item.Operations() {
			s.ops = append(s.ops, &Operation{Method: strings.ToUpper(method), Path: path, Item: item, Op: op, params: params, re: re})
		}
	}
	// Literal paths win over templated ones, as in the router.
	sort.Slice(s.ops, func(i, j int) bool {
		a, b := s.ops[i], s.ops[j]
		if len(a.params) != len(b.params) {
			return len(a.params) < len(b.params)
		}
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		return a.Method < b.Method
	})
	return s, nil
}

var paramRe = regexp.MustCompile(`\{([^}/]+)\}`)

func pathPattern(path string) (*regexp.Regexp, []string) {
	var params []string
	for _, m := range paramRe.FindAllStringSubmatch(path, -1) {
		params = append(params, m[1])
	}
	quoted := regexp.QuoteMeta(path)
	quoted = regexp.MustCompile(`\\\{[^}/]+\\\}`).ReplaceAllString(quoted, `([^/]+)`)
	return regexp.MustCompile("^" + quoted + "$"), params
}

// Operations lists every operation, in a stable order.
func (s *Spec) Operations() []*Operation { return s.ops }

// Match finds the operation for a request and its path parameters.
func (s *Spec) Match(method, path string) (*Operation, map[string]string) {
	for _, o := range s.ops {
		if o.Method != method {
			continue
		}
		if m := o.re.FindStringSubmatch(path); m != nil {
			vals := map[string]string{}
			for i, p := range o.params {
				vals[p] = m[i+1]
			}
			return o, vals
		}
	}
	return nil, nil
}

// String names the operation as "METHOD /path".
func (o *Operation) String() string { return o.Method + " " + o.Path }

// Params lists the path parameters in order.
func (o *Operation) Params() []string { return o.params }

// Public reports whether the operation opts out of authentication
// (security: []).
func (o *Operation) Public() bool { return o.Op.Security != nil && len(*o.Op.Security) == 0 }

// Extension returns a string x- extension of the operation, or "".
func (o *Operation) Extension(name string) string {
	v, _ := o.Op.Extensions[name].(string)
	return v
}

// anyRouteStatuses may come from any route without being listed under it:
// the framework answers them before a handler runs. Their bodies must still
// be problems.
var anyRouteStatuses = map[int]bool{405: true, 413: true, 415: true, 429: true, 503: true}

// CheckResponse reports how a response differs from the OpenAPI file: a
// route the file does not describe, a status it does not list, or a body
// or content type that does not match. Only /api/ paths, /healthz and
// /readyz are described there; pages are not.
func (s *Spec) CheckResponse(req *http.Request, status int, header http.Header, body []byte) error {
	path := req.URL.Path
	if !strings.HasPrefix(path, "/api/") && path != "/healthz" && path != "/readyz" {
		return nil
	}
	op, params := s.Match(req.Method, path)
	if op == nil {
		if status == http.StatusNotFound || status == http.StatusMethodNotAllowed {
			return s.checkProblem(status, header, body)
		}
		return fmt.Errorf("%s %s answered %d but api/openapi.yaml has no such operation", req.Method, path, status)
	}
	if op.Op.Responses.Status(status) == nil && op.Op.Responses.Default() == nil && anyRouteStatuses[status] {
		return s.checkProblem(status, header, body)
	}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{
			Request: req, PathParams: params,
			Route: &routers.Route{Spec: s.Doc, Path: op.Path, PathItem: op.Item, Method: op.Method, Operation: op.Op},
		},
		Status: status, Header: header, Body: io.NopCloser(bytes.NewReader(body)),
		Options: &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
	if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
		return fmt.Errorf("%s answered %d, which does not match api/openapi.yaml: %v", op, status, err)
	}
	return nil
}

// CheckRequest reports how a request the server accepted (2xx) differs from
// its operation in the OpenAPI file: a body or parameter the file would
// refuse means the file and the handler disagree about the contract.
func (s *Spec) CheckRequest(req *http.Request, body []byte) error {
	op, params := s.Match(req.Method, req.URL.Path)
	if op == nil {
		return nil
	}
	r := req.Clone(context.Background())
	r.Body = io.NopCloser(bytes.NewReader(body))
	in := &openapi3filter.RequestValidationInput{
		Request: r, PathParams: params,
		Route:   &routers.Route{Spec: s.Doc, Path: op.Path, PathItem: op.Item, Method: op.Method, Operation: op.Op},
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, MultiError: true},
	}
	if err := openapi3filter.ValidateRequest(context.Background(), in); err != nil {
		return fmt.Errorf("%s accepted a request that api/openapi.yaml refuses: %v", op, err)
	}
	return nil
}

func (s *Spec) checkProblem(status int, header http.Header, body []byte) error {
	if !strings.HasPrefix(header.Get("Content-Type"), "application/problem+json") {
		return fmt.Errorf("status %d must be a problem (application/problem+json), got %q", status, header.Get("Content-Type"))
	}
	schema := s.Doc.Components.Schemas["Problem"]
	if schema == nil {
		return nil
	}
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		return fmt.Errorf("status %d: problem body is not JSON: %v", status, err)
	}
	if err := schema.Value.VisitJSON(v); err != nil {
		return fmt.Errorf("status %d: problem body: %v", status, err)
	}
	return nil
}

// checkOpenAPI fails the test when a response the suite received does not
// match api/openapi.yaml. Every request sent through Env.Send is checked.
func (e *Env) checkOpenAPI(req *http.Request, reqBody []byte, status int, header http.Header, body []byte) {
	e.T.Helper()
	s, err := LoadSpec()
	if err != nil {
		e.T.Fatalf("%v", err)
	}
	if err := s.CheckResponse(req, status, header, body); err != nil {
		e.T.Errorf("OpenAPI conformance: %v", err)
	}
	if status >= 200 && status < 300 && strings.HasPrefix(req.URL.Path, "/api/") {
		if err := s.CheckRequest(req, reqBody); err != nil {
			e.T.Errorf("OpenAPI conformance: %v", err)
		}
	}
}
