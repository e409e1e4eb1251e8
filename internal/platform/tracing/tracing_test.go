package tracing

import (
	"net/http/httptest"
	"testing"

	"github.com/gofiber/fiber/v2"
	"go.opentelemetry.io/otel/propagation"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"
)

// TestMiddlewarePutsTheSpanInTheRequestContext: a handler's context holds
// the request's server span, so its work can start child spans, and an
// unmatched path is named as such rather than by the path.
func TestMiddlewarePutsTheSpanInTheRequestContext(t *testing.T) {
	exp := tracetest.NewInMemoryExporter()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(exp))
	tr := &Tracing{provider: tp, tracer: tp.Tracer("test"), prop: propagation.TraceContext{}}
	app := fiber.New()
	app.Use(tr.Middleware)
	app.Get("/t/:slug/things", func(c *fiber.Ctx) error {
		_, child := trace.SpanFromContext(c.UserContext()).TracerProvider().Tracer("test").Start(c.UserContext(), "child")
		child.End()
		return c.SendStatus(fiber.StatusNoContent)
	})
	for _, path := range []string{"/t/desa-suka-maju/things", "/desa-suka-maju/nowhere"} {
		if _, err := app.Test(httptest.NewRequest("GET", path, nil)); err != nil {
			t.Fatal(err)
		}
	}
	spans := exp.GetSpans()
	if len(spans) != 3 {
		t.Fatalf("%d spans, want the child, its request and the unmatched request", len(spans))
	}
	child, server, unmatched := spans[0], spans[1], spans[2]
	if server.Name != "GET /t/:slug/things" || server.SpanKind != trace.SpanKindServer {
		t.Errorf("server span %q (%v)", server.Name, server.SpanKind)
	}
	if child.Name != "child" || child.Parent.SpanID() != server.SpanContext.SpanID() {
		t.Errorf("child span %q is not a child of the request's span", child.Name)
	}
	if unmatched.Name != "GET (unmatched)" {
		t.Errorf("unmatched request named %q", unmatched.Name)
	}
}
