package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/platform/config"
)

const keysUsage = "usage: peduli keys rotate --tenant SLUG | peduli keys destroy --tenant SLUG --yes"

// keys rotates or destroys a group's personal-data key. Rotation gives the
// group a new data key and re-encrypts every record under it; destruction
// crypto-shreds every personal field of the group, irreversibly.
func keys(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || (args[0] != "rotate" && args[0] != "destroy") {
		return errors.New(keysUsage)
	}
	action := args[0]
	var slug string
	var yes bool
	cfg, err := config.Load("keys "+action, args[1:], func(fs *flag.FlagSet) {
		fs.StringVar(&slug, "tenant", "", "slug of the group (required)")
		if action == "destroy" {
			fs.BoolVar(&yes, "yes", false, "confirm: every personal field of the group becomes unreadable for good")
		}
	})
	if err != nil {
		return err
	}
	if slug == "" {
		return errors.New("--tenant is required")
	}
	if action == "destroy" && !yes {
		return errors.New("destroying a key cannot be undone; add --yes to confirm")
	}
	a, err := openApp(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	defer a.Close()
	t, err := a.Tenancy.Store.TenantBySlug(ctx, slug)
	if err != nil {
		return fmt.Errorf("group %q: %w", slug, err)
	}
	scope := a.DB.Scope(t.ID)
	if action == "destroy" {
		n, err := a.Registry.DestroyKeys(ctx, scope, audit.Actor{})
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "destroyed %d data key(s) of %s; its personal fields can no longer be read\n", n, slug)
		return nil
	}
	res, err := a.Registry.RotateKey(ctx, scope, audit.Actor{})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "rotated the data key of %s to version %d: %d records and %d assessments re-encrypted, %d old key(s) destroyed",
		slug, res.Version, res.Records, res.Assessments, res.OldDestroyed)
	if res.Unreadable > 0 {
		fmt.Fprintf(stdout, ", %d records were already unreadable", res.Unreadable)
	}
	fmt.Fprintln(stdout)
	return nil
}
