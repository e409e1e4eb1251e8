package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/peduli/peduli/internal/app"
	"github.com/peduli/peduli/internal/platform/config"
	"github.com/peduli/peduli/internal/platform/db"
)

func migrate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	action := "up"
	if len(args) > 0 && (args[0] == "up" || args[0] == "status") {
		action, args = args[0], args[1:]
	}
	cfg, err := config.Load("migrate", args)
	if err != nil {
		return err
	}
	log := newLogger(stderr, cfg.LogLevel)
	cfg.MigrateOnStart = true // this is the migration step
	if action == "up" {
		d, err := app.Open(ctx, cfg, log)
		if err != nil {
			return err
		}
		defer d.Close()
		fmt.Fprintln(stdout, "migrations are up to date")
		return nil
	}
	var d *db.DB
	if cfg.Embedded() {
		d, err = db.OpenSQLite(cfg.DataDir+"/peduli.db", db.Options{})
	} else {
		d, err = db.OpenPostgres(cfg.MigrateDatabaseURL, db.Options{MaxOpenConns: 2})
	}
	if err != nil {
		return err
	}
	defer d.Close()
	states, err := d.MigrationStatus(ctx)
	if err != nil {
		return err
	}
	for _, s := range states {
		state := "pending"
		if s.Applied {
			state = "applied"
		}
		fmt.Fprintf(stdout, "%05d  %-8s %s\n", s.Version, state, s.File)
	}
	return nil
}

func apply(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "" || args[0][0] == '-' {
		return fmt.Errorf("usage: peduli apply DIR [flags]")
	}
	dir, args := args[0], args[1:]
	cfg, err := config.Load("apply", args)
	if err != nil {
		return err
	}
	a, err := openApp(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	defer a.Close()
	if err := a.Apply(ctx, os.DirFS(dir)); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "applied %s\n", dir)
	return nil
}

// openApp migrates and builds the App for a CLI command.
func openApp(ctx context.Context, cfg config.Config, stderr io.Writer) (*app.App, error) {
	if err := app.PrepareSecret(&cfg); err != nil {
		return nil, err
	}
	log := newLogger(stderr, cfg.LogLevel)
	d, err := app.Open(ctx, cfg, log)
	if err != nil {
		return nil, err
	}
	a, err := app.New(cfg, log, d)
	if err != nil {
		_ = d.Close() // the app error is the one to report
		return nil, err
	}
	return a, nil
}
