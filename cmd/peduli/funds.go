package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"time"

	fundspkg "github.com/peduli/peduli/internal/funds"
	"github.com/peduli/peduli/internal/platform/config"
)

// funds runs the money tools: "peduli funds reconcile" asks Stripe about
// every online donation still pending and settles it, exactly once.
func funds(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "reconcile" {
		return fmt.Errorf("usage: peduli funds reconcile [--older-than 30m] [--json]")
	}
	olderThan := fundspkg.ReconcileAfter
	asJSON := false
	cfg, err := config.Load("funds reconcile", args[1:], func(fs *flag.FlagSet) {
		fs.DurationVar(&olderThan, "older-than", olderThan, "settle donations pending at least this long")
		fs.BoolVar(&asJSON, "json", false, "print the report as JSON")
	})
	if err != nil {
		return err
	}
	a, err := openApp(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	defer a.Close()
	rep, err := a.Funds.Reconcile(ctx, olderThan)
	if err != nil {
		return err
	}
	if asJSON {
		return json.NewEncoder(stdout).Encode(rep)
	}
	fmt.Fprintf(stdout, "checked %d pending donations older than %s: %d changed, %d unchanged, %d errors\n",
		rep.Checked, olderThan.Round(time.Second), len(rep.Changed), rep.Unchanged, rep.Errors)
	for _, c := range rep.Changed {
		fmt.Fprintf(stdout, "  %s  %s → %s (tenant %s)\n", c.DonationID, c.From, c.To, c.TenantID)
	}
	if rep.Errors > 0 {
		return fmt.Errorf("%d donations could not be checked; run again later", rep.Errors)
	}
	return nil
}
