package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/peduli/peduli/internal/app"
	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/platform/config"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/security"
)

const auditUsage = "usage: peduli audit reads (--user EMAIL | --token-session SESSION_ID) --from RFC3339 --to RFC3339"

// auditCmd answers what a breach report needs: which personal records a
// user, or one (possibly stolen) session, read in a time window, across
// every tenant. It connects as the migration owner (PEDULI_MIGRATE_DATABASE_URL)
// and still reads each tenant through that tenant's row-level-security scope.
func auditCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "reads" {
		return errors.New(auditUsage)
	}
	var email, session, from, to string
	cfg, err := config.Load("audit reads", args[1:], func(fs *flag.FlagSet) {
		fs.StringVar(&email, "user", "", "email of the user whose reads to list")
		fs.StringVar(&session, "token-session", "", "id of the session (token) whose reads to list")
		fs.StringVar(&from, "from", "", "start of the window, RFC 3339 (required)")
		fs.StringVar(&to, "to", "", "end of the window, RFC 3339 (required)")
	})
	if err != nil {
		return err
	}
	q, err := readsQuery(email, session, from, to)
	if err != nil {
		return err
	}
	d, err := openOwner(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	defer d.Close()
	users := identity.NewStore(d)
	if email != "" {
		u, err := users.UserByEmail(ctx, email)
		if err != nil {
			return fmt.Errorf("no user with email %s", email)
		}
		q.UserID = u.ID
	}
	reads, err := security.PersonalReads(ctx, d, q)
	if err != nil {
		return err
	}
	emails := map[string]string{}
	w := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "time\ttenant\tuser\tsession\taction\tentity\tentity_id\tfields\trequest_id")
	for _, r := range reads {
		if _, ok := emails[r.ActorID]; !ok && r.ActorID != "" {
			if u, err := users.User(ctx, r.ActorID); err == nil {
				emails[r.ActorID] = u.Email
			}
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.At.Format(time.RFC3339), r.TenantSlug,
			emails[r.ActorID], r.SessionID, r.Action, r.Entity, r.EntityID, r.Fields, r.RequestID)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "%d personal record reads\n", len(reads))
	return nil
}

func readsQuery(email, session, from, to string) (security.ReadsQuery, error) {
	var q security.ReadsQuery
	if (email == "") == (session == "") {
		return q, errors.New("give exactly one of --user and --token-session; " + auditUsage)
	}
	if session != "" && !db.ValidID(session) {
		return q, errors.New("--token-session must be a session id (a UUID)")
	}
	var err error
	if q.From, err = time.Parse(time.RFC3339, from); err != nil {
		return q, fmt.Errorf("--from: %w", err)
	}
	if q.To, err = time.Parse(time.RFC3339, to); err != nil {
		return q, fmt.Errorf("--to: %w", err)
	}
	q.SessionID = session
	return q, nil
}

// openOwner opens the database as the migration owner: the embedded file,
// or PostgreSQL at PEDULI_MIGRATE_DATABASE_URL (which defaults to the
// serving URL).
func openOwner(ctx context.Context, cfg config.Config, stderr io.Writer) (*db.DB, error) {
	if cfg.Embedded() {
		return app.Open(ctx, cfg, newLogger(stderr, "warn"))
	}
	return db.OpenPostgres(cfg.MigrateDatabaseURL, db.Options{MaxOpenConns: 2})
}
