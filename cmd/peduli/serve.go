package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	"github.com/peduli/peduli/internal/app"
	"github.com/peduli/peduli/internal/platform/config"
)

func serve(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, err := config.Load("serve", args)
	if err != nil {
		return err
	}
	started := time.Now()
	a, err := openApp(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	log := a.Log
	defer a.Close() // also exports the spans still buffered
	if a.Tracing != nil {
		a.Tracing.Install()
		log.Info("tracing on: exporting spans over OTLP/HTTP")
	}
	firstRun, err := a.IsEmpty(ctx)
	if err != nil {
		return err
	}
	if err := a.Provision(ctx); err != nil {
		return err
	}
	if (firstRun && cfg.Embedded()) || cfg.Demo {
		if err := a.Demo(ctx, stdout); err != nil {
			return err
		}
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	log.Info("listening", "addr", ln.Addr().String(), "url", cfg.BaseURL,
		"database", map[bool]string{true: "sqlite", false: "postgres"}[cfg.Embedded()],
		"startup_ms", time.Since(started).Milliseconds())
	fmt.Fprintf(stdout, "Peduli is running at %s\n", cfg.BaseURL)
	go a.Access.Maintain(ctx)
	if cfg.Embedded() {
		// The command line is a second process: notice its role changes.
		go a.Access.WatchDataVersion(ctx)
	} else {
		// Every replica announces the group or region whose roles it
		// changed; each forgets just that one.
		go a.Access.Listen(ctx, cfg.DatabaseURL)
	}
	go func() {
		if err := a.RunJobs(ctx); err != nil {
			log.Error("background jobs stopped", "error", err)
		}
	}()
	stopMetrics, err := serveMetrics(cfg.MetricsAddr, a)
	if err != nil {
		return err
	}
	defer stopMetrics()
	stopPprof, err := servePprof(cfg.PprofAddr, log)
	if err != nil {
		return err
	}
	defer stopPprof()

	errc := make(chan error, 1)
	go func() { errc <- a.HTTP.Listener(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	// Fail readiness at once but keep serving for the drain period, so
	// load balancers take this replica out before it stops accepting.
	a.Drain()
	log.Info("draining", "drain_ms", cfg.Drain.Milliseconds())
	select {
	case err := <-errc:
		return err
	case <-time.After(cfg.Drain):
	}
	log.Info("shutting down")
	// Stop accepting, finish the requests in flight, then (deferred) close
	// the database pool.
	if err := a.HTTP.ShutdownWithTimeout(cfg.ShutdownTimeout); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	return nil
}

// serveMetrics serves /metrics on its own address (never the public one);
// an empty address turns it off. It returns the function that stops it.
func serveMetrics(addr string, a *app.App) (func(), error) {
	if addr == "" {
		return func() {}, nil
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("metrics listener: %w", err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", a.Metrics.Handler())
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second, WriteTimeout: 30 * time.Second}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			a.Log.Error("metrics server stopped", "error", err)
		}
	}()
	a.Log.Info("metrics listening", "metrics_addr", ln.Addr().String())
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx) // a scrape cut short at exit is harmless
	}, nil
}
