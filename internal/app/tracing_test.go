package app_test

import (
	"context"
	"encoding/hex"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	coltrace "go.opentelemetry.io/proto/otlp/collector/trace/v1"
	tracepb "go.opentelemetry.io/proto/otlp/trace/v1"
	"google.golang.org/protobuf/proto"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/testkit"
)

// otlpReceiver is an in-process OTLP/HTTP trace collector: it accepts
// POST /v1/traces and keeps the spans.
type otlpReceiver struct {
	mu       sync.Mutex
	posts    int
	spans    []*tracepb.Span
	services []string
}

func (r *otlpReceiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	body, err := io.ReadAll(req.Body)
	var msg coltrace.ExportTraceServiceRequest
	if err == nil {
		err = proto.Unmarshal(body, &msg)
	}
	if req.Method != http.MethodPost || req.URL.Path != "/v1/traces" || err != nil {
		http.Error(w, "bad export", http.StatusBadRequest)
		return
	}
	r.mu.Lock()
	r.posts++
	for _, rs := range msg.ResourceSpans {
		for _, a := range rs.GetResource().GetAttributes() {
			if a.Key == "service.name" {
				r.services = append(r.services, a.GetValue().GetStringValue())
			}
		}
		for _, ss := range rs.ScopeSpans {
			r.spans = append(r.spans, ss.Spans...)
		}
	}
	r.mu.Unlock()
	out, _ := proto.Marshal(&coltrace.ExportTraceServiceResponse{})
	w.Header().Set("Content-Type", "application/x-protobuf")
	_, _ = w.Write(out)
}

// clearOTEL leaves the test with none of the variables that could switch
// tracing on, whatever the machine running it has set.
func clearOTEL(t *testing.T) {
	for _, v := range []string{"OTEL_SDK_DISABLED", "OTEL_TRACES_EXPORTER", "OTEL_EXPORTER_OTLP_ENDPOINT",
		"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL",
		"OTEL_SERVICE_NAME", "OTEL_RESOURCE_ATTRIBUTES", "OTEL_TRACES_SAMPLER"} {
		t.Setenv(v, "")
	}
}

// TestTracingExportsOneSpanPerRequestNamedByRoute: with the standard OTLP
// endpoint variable set, a request to a group's route is exported as one
// server span named by the route pattern, continuing the caller's W3C
// trace, with method, route and status and no trace of the group's slug.
func TestTracingExportsOneSpanPerRequestNamedByRoute(t *testing.T) {
	clearOTEL(t)
	recv := &otlpReceiver{}
	srv := httptest.NewServer(recv)
	defer srv.Close()
	t.Setenv("OTEL_EXPORTER_OTLP_ENDPOINT", srv.URL)

	e := testkit.New(t, db.SQLite)
	if e.App.Tracing == nil {
		t.Fatal("tracing is off with OTEL_EXPORTER_OTLP_ENDPOINT set")
	}
	g := e.SignupGroup("Kelompok Jejak")
	const traceID, parentID = "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7"
	req := httptest.NewRequest(http.MethodGet, "/api/v1/t/"+g.Slug+"/beneficiaries", nil)
	req.Header.Set("Authorization", "Bearer "+g.OwnerToken)
	req.Header.Set("traceparent", "00-"+traceID+"-"+parentID+"-01")
	e.Send(req).Expect(http.StatusOK)
	if err := e.App.Tracing.Shutdown(context.Background()); err != nil {
		t.Fatalf("flush spans: %v", err)
	}

	recv.mu.Lock()
	defer recv.mu.Unlock()
	if recv.posts == 0 {
		t.Fatal("no spans were exported")
	}
	if len(recv.services) == 0 || recv.services[0] != "peduli" {
		t.Errorf("service.name = %v, want peduli", recv.services)
	}
	var found *tracepb.Span
	for _, s := range recv.spans {
		text := s.Name
		for _, a := range s.Attributes {
			text += " " + a.Key + "=" + a.GetValue().String()
		}
		if strings.Contains(text, g.Slug) || strings.Contains(text, "example.org") {
			t.Errorf("span %q names a group or a person: %s", s.Name, text)
		}
		if s.Name == "GET /api/v1/t/:slug/beneficiaries" {
			found = s
		}
	}
	if found == nil {
		names := []string{}
		for _, s := range recv.spans {
			names = append(names, s.Name)
		}
		t.Fatalf("no span named by the route pattern among %q", names)
	}
	if found.Kind != tracepb.Span_SPAN_KIND_SERVER {
		t.Errorf("span kind %v, want server", found.Kind)
	}
	if got := hex.EncodeToString(found.TraceId); got != traceID {
		t.Errorf("trace id %s, want the caller's %s", got, traceID)
	}
	if got := hex.EncodeToString(found.ParentSpanId); got != parentID {
		t.Errorf("parent span %s, want the caller's %s", got, parentID)
	}
	attrs := map[string]string{}
	for _, a := range found.Attributes {
		v := a.GetValue()
		if v.GetStringValue() != "" {
			attrs[a.Key] = v.GetStringValue()
		} else {
			attrs[a.Key] = strings.TrimSpace(strings.TrimPrefix(v.String(), "int_value:"))
		}
	}
	for k, want := range map[string]string{"http.request.method": "GET",
		"http.route": "/api/v1/t/:slug/beneficiaries", "http.response.status_code": "200"} {
		if attrs[k] != want {
			t.Errorf("attribute %s = %q, want %q (all: %v)", k, attrs[k], want, attrs)
		}
	}
}

// TestTracingOffWithoutOTELVariables: with no OTEL variable, or with
// OTEL_TRACES_EXPORTER=none, nothing is exported.
func TestTracingOffWithoutOTELVariables(t *testing.T) {
	for _, exporter := range []string{"", "none"} {
		t.Run("exporter="+exporter, func(t *testing.T) {
			clearOTEL(t)
			recv := &otlpReceiver{}
			srv := httptest.NewServer(recv)
			defer srv.Close()
			if exporter != "" {
				t.Setenv("OTEL_TRACES_EXPORTER", exporter)
				t.Setenv("OTEL_EXPORTER_OTLP_ENDPOINT", srv.URL)
			}
			e := testkit.New(t, db.SQLite)
			if e.App.Tracing != nil {
				t.Fatal("tracing is on")
			}
			g := e.SignupGroup("Kelompok Sunyi")
			e.Do(http.MethodGet, "/api/v1/t/"+g.Slug+"/beneficiaries", g.OwnerToken, nil).Expect(http.StatusOK)
			recv.mu.Lock()
			defer recv.mu.Unlock()
			if recv.posts != 0 {
				t.Errorf("%d exports with tracing off", recv.posts)
			}
		})
	}
}
