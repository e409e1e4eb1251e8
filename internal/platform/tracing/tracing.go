// Package tracing exports OpenTelemetry traces when the standard OTEL_*
// environment variables ask for them, and is off otherwise. Each HTTP
// request becomes one server span named by its method and route pattern
// ("GET /api/v1/t/:slug/beneficiaries"), never by the path it was called
// with: span names and attributes carry no tenant slug, id or personal
// data. The span is put in the request's context (c.UserContext()), so
// work done for the request can start child spans from it.
package tracing

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/gofiber/fiber/v2"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	semconv "go.opentelemetry.io/otel/semconv/v1.43.0"
	"go.opentelemetry.io/otel/trace"

	"github.com/peduli/peduli/internal/platform/httpx"
)

// Tracing is one process's tracer provider; the zero value and nil are
// off (the middleware passes requests through untouched).
type Tracing struct {
	provider *sdktrace.TracerProvider
	tracer   trace.Tracer
	prop     propagation.TextMapPropagator
}

// Enabled reports whether the OTEL_* variables switch tracing on: the SDK
// is not disabled (OTEL_SDK_DISABLED), OTEL_TRACES_EXPORTER is not "none",
// and it is "otlp" or an OTLP endpoint is named.
func Enabled() bool {
	if strings.EqualFold(os.Getenv("OTEL_SDK_DISABLED"), "true") {
		return false
	}
	switch strings.TrimSpace(os.Getenv("OTEL_TRACES_EXPORTER")) {
	case "none":
		return false
	case "otlp":
		return true
	}
	return os.Getenv("OTEL_EXPORTER_OTLP_ENDPOINT") != "" || os.Getenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") != ""
}

// FromEnv builds the tracer provider the OTEL_* variables describe, or
// returns nil when they leave tracing off. The OTLP exporter speaks HTTP
// with protobuf; the exporter, the resource (OTEL_SERVICE_NAME,
// OTEL_RESOURCE_ATTRIBUTES), the sampler (OTEL_TRACES_SAMPLER) and the
// batching (OTEL_BSP_*) read their own variables.
func FromEnv(ctx context.Context) (*Tracing, error) {
	if !Enabled() {
		return nil, nil
	}
	if e := strings.TrimSpace(os.Getenv("OTEL_TRACES_EXPORTER")); e != "" && e != "otlp" {
		return nil, fmt.Errorf("OTEL_TRACES_EXPORTER=%q: only otlp or none is supported", e)
	}
	for _, v := range []string{"OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "OTEL_EXPORTER_OTLP_PROTOCOL"} {
		if p := os.Getenv(v); p != "" {
			if p != "http/protobuf" {
				return nil, fmt.Errorf("%s=%q: only http/protobuf is supported", v, p)
			}
			break
		}
	}
	exp, err := otlptracehttp.New(ctx)
	if err != nil {
		return nil, fmt.Errorf("otlp trace exporter: %w", err)
	}
	res := resource.Default()
	// The environment (OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES) wins;
	// without it the service is called peduli.
	if os.Getenv("OTEL_SERVICE_NAME") == "" && !strings.Contains(os.Getenv("OTEL_RESOURCE_ATTRIBUTES"), "service.name=") {
		res, err = resource.Merge(res, resource.NewSchemaless(semconv.ServiceName("peduli")))
		if err != nil {
			return nil, err
		}
	}
	tp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp), sdktrace.WithResource(res))
	return &Tracing{
		provider: tp,
		tracer:   tp.Tracer("github.com/peduli/peduli"),
		prop:     propagation.NewCompositeTextMapPropagator(propagation.TraceContext{}, propagation.Baggage{}),
	}, nil
}

// Provider is the tracer provider (nil when off), for code that starts
// spans outside a request.
func (t *Tracing) Provider() trace.TracerProvider {
	if t == nil {
		return nil
	}
	return t.provider
}

// Propagator is the W3C trace context and baggage propagator.
func (t *Tracing) Propagator() propagation.TextMapPropagator {
	if t == nil {
		return nil
	}
	return t.prop
}

// Install makes the provider and the propagator the process's global
// ones (otel.GetTracerProvider), for libraries that start spans of their
// own. It does nothing when tracing is off.
func (t *Tracing) Install() {
	if t == nil {
		return
	}
	otel.SetTracerProvider(t.provider)
	otel.SetTextMapPropagator(t.prop)
}

// Shutdown exports the spans still buffered and stops the provider.
func (t *Tracing) Shutdown(ctx context.Context) error {
	if t == nil {
		return nil
	}
	return t.provider.Shutdown(ctx)
}

// Middleware starts the request's server span, continuing a trace the
// caller names in traceparent, and names it by the route pattern once
// routing has found one. It must come before anything that replaces the
// request's context.
func (t *Tracing) Middleware(c *fiber.Ctx) error {
	if t == nil {
		return c.Next()
	}
	method := httpx.MethodLabel(c)
	ctx := t.prop.Extract(c.UserContext(), headers{c})
	ctx, span := t.tracer.Start(ctx, method, trace.WithSpanKind(trace.SpanKindServer),
		trace.WithAttributes(semconv.HTTPRequestMethodKey.String(method)))
	defer span.End()
	c.SetUserContext(ctx)
	err := c.Next()
	status := httpx.StatusOf(c, err)
	route := httpx.RouteLabel(c)
	if route != httpx.Unmatched {
		span.SetAttributes(semconv.HTTPRoute(route))
	}
	span.SetName(method + " " + route)
	span.SetAttributes(semconv.HTTPResponseStatusCode(status))
	if status >= 500 {
		span.SetStatus(codes.Error, "")
	}
	return err
}

// headers reads a request's headers for the propagator (extract only).
type headers struct{ c *fiber.Ctx }

func (h headers) Get(key string) string { return h.c.Get(key) }
func (h headers) Set(string, string)    {}
func (h headers) Keys() []string {
	var keys []string
	h.c.Request().Header.VisitAll(func(k, _ []byte) { keys = append(keys, string(k)) })
	return keys
}
