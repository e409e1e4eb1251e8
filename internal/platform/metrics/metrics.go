// Package metrics exports Peduli's Prometheus metrics: HTTP requests by
// route pattern and status, their latency, the database pool, Stripe
// webhook outcomes, and gauges that features feed through functions (job
// queue depth and failures, rollup lag). Labels carry route patterns and
// fixed words only: never a tenant's slug, a user or any personal data.
package metrics

import (
	"database/sql"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/peduli/peduli/internal/platform/httpx"
)

// Metrics is one process's registry and instruments.
type Metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	webhooks *prometheus.CounterVec
	hooks    *hooks
}

// Names of the gauges fed by functions (see Feed).
const (
	JobQueueDepth = "peduli_job_queue_depth"    // jobs waiting to run
	JobFailures   = "peduli_job_failures_total" // jobs given up after their last attempt
	RollupLag     = "peduli_rollup_lag_seconds" // how long the longest-waiting changed group has waited
	queueHelp     = "Jobs available, scheduled or waiting to be retried, not yet running."
	failuresHelp  = "Jobs given up after their last attempt, as the queue still keeps them (read from the queue)."
	rollupHelp    = "Seconds the longest-waiting changed group has waited for its coordinator figures (0 when none waits)."
)

// New registers the instruments, the Go runtime and the process collectors.
func New() *Metrics {
	reg := prometheus.NewRegistry()
	m := &Metrics{
		reg: reg,
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "peduli_http_requests_total",
			Help: "HTTP requests answered, by method, route pattern and status code.",
		}, []string{"method", "route", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "peduli_http_request_duration_seconds",
			Help:    "Time to answer an HTTP request, by method and route pattern.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"method", "route"}),
		webhooks: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "peduli_stripe_webhook_events_total",
			Help: "Stripe webhook deliveries by outcome (processed, duplicate, ignored, unrouted, retry, rejected, failed).",
		}, []string{"outcome"}),
		hooks: &hooks{fns: map[string]func() float64{}},
	}
	reg.MustRegister(m.requests, m.duration, m.webhooks, m.hooks,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Handler serves the registry in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// Registry is the registry, for a feature that brings its own collector.
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// WatchDB exports the pool statistics of db (open, in use, idle, waits).
func (m *Metrics) WatchDB(name string, db *sql.DB) {
	m.reg.MustRegister(collectors.NewDBStatsCollector(db, name))
}

// Webhook counts one Stripe webhook delivery's outcome.
func (m *Metrics) Webhook(outcome string) { m.webhooks.WithLabelValues(outcome).Inc() }

// Feed makes the gauge name (JobQueueDepth, JobFailures or RollupLag) read
// fn at every scrape. Until fed, the gauge is absent rather than a
// misleading zero.
func (m *Metrics) Feed(name string, fn func() float64) {
	m.hooks.mu.Lock()
	defer m.hooks.mu.Unlock()
	m.hooks.fns[name] = fn
}

// Middleware counts and times every request. It must come first, so that
// it sees the status the error handler will send.
func (m *Metrics) Middleware(c *fiber.Ctx) error {
	start := time.Now()
	err := c.Next()
	status := httpx.StatusOf(c, err)
	method, route := httpx.MethodLabel(c), httpx.RouteLabel(c)
	m.requests.WithLabelValues(method, route, strconv.Itoa(status)).Inc()
	m.duration.WithLabelValues(method, route).Observe(time.Since(start).Seconds())
	return err
}

// hooks is a collector of gauges read from functions at scrape time.
type hooks struct {
	mu  sync.Mutex
	fns map[string]func() float64
}

var hookDescs = map[string]*prometheus.Desc{
	JobQueueDepth: prometheus.NewDesc(JobQueueDepth, queueHelp, nil, nil),
	JobFailures:   prometheus.NewDesc(JobFailures, failuresHelp, nil, nil),
	RollupLag:     prometheus.NewDesc(RollupLag, rollupHelp, nil, nil),
}

func (h *hooks) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range hookDescs {
		ch <- d
	}
}

func (h *hooks) Collect(ch chan<- prometheus.Metric) {
	h.mu.Lock()
	fns := make(map[string]func() float64, len(h.fns))
	for k, v := range h.fns {
		fns[k] = v
	}
	h.mu.Unlock()
	for name, fn := range fns {
		d, ok := hookDescs[name]
		if !ok {
			continue
		}
		kind := prometheus.GaugeValue
		if name == JobFailures {
			kind = prometheus.CounterValue
		}
		ch <- prometheus.MustNewConstMetric(d, kind, fn())
	}
}
