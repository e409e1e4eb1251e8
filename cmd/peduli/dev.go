package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/peduli/peduli/internal/devseed"
	"github.com/peduli/peduli/internal/platform/config"
	"github.com/peduli/peduli/internal/platform/db"
)

const devUsage = `usage: peduli dev seed [--groups N] [--staff S] [--beneficiaries B] [--seed X] [--until YYYY-MM-DD]
                      [--password P] [--workers W]
       peduli dev pay DONATION_ID|latest [--group SLUG] [--url URL]
Development tools; never run them against a production database.`

// dev holds developers' tools, kept apart from the operators' commands.
func dev(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	switch {
	case len(args) > 0 && args[0] == "seed":
		return devSeed(ctx, args[1:], stdout, stderr)
	case len(args) > 0 && args[0] == "pay":
		return devPay(ctx, args[1:], stdout, stderr)
	}
	return errors.New(devUsage)
}

// devSeed fills the configured database (the same PEDULI_* settings as
// serve) with seeded groups for development and load tests.
func devSeed(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o := devseed.Options{Progress: stderr}
	var until string
	cfg, err := config.Load("dev seed", args, func(fs *flag.FlagSet) {
		fs.IntVar(&o.Groups, "groups", 50, "number of groups")
		fs.IntVar(&o.Staff, "staff", 5, "team members per group, the owner included")
		fs.IntVar(&o.Beneficiaries, "beneficiaries", 200, "beneficiaries per group")
		fs.Uint64Var(&o.Seed, "seed", 1, "seed of the generator: the same seed gives the same data")
		fs.StringVar(&until, "until", time.Now().UTC().AddDate(0, 0, -1).Format(time.DateOnly), "last day of the year of activity (default yesterday)")
		fs.StringVar(&o.Password, "password", "benih-peduli-dev", "password of every seeded user")
		fs.IntVar(&o.Workers, "workers", 0, "groups written at once (default 4 on PostgreSQL, 1 on SQLite)")
	})
	if err != nil {
		return err
	}
	if o.Until, err = time.Parse(time.DateOnly, until); err != nil {
		return fmt.Errorf("--until: %w", err)
	}
	if o.Workers == 0 {
		o.Workers = 4
		if cfg.Embedded() {
			o.Workers = 1
		}
	}
	a, err := openApp(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	defer a.Close()
	if err := a.Provision(ctx); err != nil {
		return err
	}
	res, err := devseed.Run(ctx, devseed.Deps{DB: a.DB, Tenancy: a.Tenancy.Store, Registry: a.Registry,
		Programs: a.Programs.Store, Funds: a.Funds}, o)
	if err != nil {
		return err
	}
	if err := analyzeSeeded(ctx, cfg, a.DB); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "seeded %d groups, %d users, %d beneficiaries (%d rows) in %s\n",
		res.Groups, res.Users, res.Beneficiaries, res.Rows, res.Took.Round(time.Millisecond))
	fmt.Fprintf(stdout, "log in as %s (owner of %s) or %s, password %q\n",
		devseed.StaffEmail(0, 0), devseed.GroupSlug(0), devseed.CoordinatorEmail("53"), o.Password)
	return nil
}

// analyzeSeeded gathers the planner's statistics on the tables just filled.
// Autovacuum analyses them only some time after a bulk load (never where it
// is off); until then the planner guesses a group's share of a table
// about forty times too high and buys JIT compilation and parallel workers
// for statements that read a few hundred rows, so figures measured on the
// seed would not be production's. Only the tables' owner may analyse them,
// so on PostgreSQL this uses the migration (owner) connection.
func analyzeSeeded(ctx context.Context, cfg config.Config, d *db.DB) error {
	if d.Dialect != db.Postgres || cfg.MigrateDatabaseURL == cfg.DatabaseURL {
		return d.Global(ctx).Exec("ANALYZE").Error
	}
	owner, err := db.OpenPostgres(cfg.MigrateDatabaseURL, db.Options{MaxOpenConns: 1})
	if err != nil {
		return err
	}
	defer owner.Close()
	if err := owner.Global(ctx).Exec("ANALYZE").Error; err != nil {
		return fmt.Errorf("analyze the seeded tables: %w", err)
	}
	return nil
}
