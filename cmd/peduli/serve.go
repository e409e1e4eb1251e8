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
