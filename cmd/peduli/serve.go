package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"time"

	"github.com/peduli/peduli/internal/platform/config"
)

// casbinReload bounds how long another replica's role change can take to
// be seen here.
const casbinReload = 30 * time.Second

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
	defer a.Close()
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
	go a.Access.ReloadEvery(ctx, casbinReload)
	if !cfg.Embedded() {
		// Other replicas announce role changes; reload at once on each.
		go a.Access.Listen(ctx, cfg.DatabaseURL)
	}
	go a.RunJobs(ctx)

	errc := make(chan error, 1)
	go func() { errc <- a.HTTP.Listener(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	if err := a.HTTP.ShutdownWithTimeout(cfg.ShutdownTimeout); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	return nil
}
