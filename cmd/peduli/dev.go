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
	fmt.Fprintf(stdout, "seeded %d groups, %d users, %d beneficiaries (%d rows) in %s\n",
		res.Groups, res.Users, res.Beneficiaries, res.Rows, res.Took.Round(time.Millisecond))
	fmt.Fprintf(stdout, "log in as %s (owner of %s) or %s, password %q\n",
		devseed.StaffEmail(0, 0), devseed.GroupSlug(0), devseed.CoordinatorEmail("53"), o.Password)
	return nil
}
