// Command peduli is the one binary of Peduli: the server and the operators'
// tools. Run "peduli help" for the subcommands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

const usage = `Usage: peduli [command] [flags]

Commands:
  serve                 run the web server (the default)
  migrate [up|status]   apply or list database migrations
  apply DIR             apply a tenants directory (regions, templates, hosts, groups)
  user create --email E --name N [--platform-admin]
                        create a user; the password is read from standard input
  funds reconcile [--older-than 30m]
                        settle online donations still pending, asking Stripe
  audit reads (--user EMAIL | --token-session ID) --from RFC3339 --to RFC3339
                        list the personal records a user or session read, in every group
  keys rotate --tenant SLUG
                        give a group a new personal-data key and re-encrypt its records
  keys destroy --tenant SLUG --yes
                        crypto-shred a group's personal data (irreversible)
  jobs list [--failed] [--limit N]
                        list the background jobs waiting or running (or failed)
  jobs retry ID         put a failed job back in the queue
  dev seed [--groups N --staff S --beneficiaries B --seed X]
                        development only: fill the database with seeded groups
  dev pay DONATION_ID|latest [--group SLUG] [--url URL]
                        mark a pending online gift paid with a signed test
                        event sent to the running server (Stripe test keys only)
  help                  show this text

Every flag of serve is also a PEDULI_* environment variable; run
"peduli serve -h" to list them.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "peduli:", err)
		}
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	cmd := "serve"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "serve":
		return serve(ctx, args, stdout, stderr)
	case "migrate":
		return migrate(ctx, args, stdout, stderr)
	case "apply":
		return apply(ctx, args, stdout, stderr)
	case "user":
		return user(ctx, args, stdin, stdout, stderr)
	case "funds":
		return funds(ctx, args, stdout, stderr)
	case "audit":
		return auditCmd(ctx, args, stdout, stderr)
	case "keys":
		return keys(ctx, args, stdout, stderr)
	case "jobs":
		return jobsCmd(ctx, args, stdout, stderr)
	case "dev":
		return dev(ctx, args, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("unknown command %q", cmd)
}

func newLogger(w io.Writer, level string) *slog.Logger {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		l = slog.LevelInfo
	}
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: l}))
}
