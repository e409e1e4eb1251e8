package access

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/peduli/peduli/internal/platform/db"
)

// policyChannel is the PostgreSQL channel on which replicas announce a
// change to roles, so the others reload at once instead of at the next
// periodic reload. Notifications are at-most-once; ReloadEvery stays as the
// bound on staleness when one is lost.
const policyChannel = "peduli_policy"

// announce tells the other replicas that the policy changed. Only PostgreSQL
// has other replicas; the embedded database serves one process.
func (en *Enforcer) announce() {
	if en.db == nil || en.db.Dialect != db.Postgres {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := en.db.Global(ctx).Exec("SELECT pg_notify(?, ?)", policyChannel, en.replica).Error; err != nil {
		en.log.Warn("policy change not announced; other replicas see it at their next reload", "error", err)
	}
}

// Listen reloads the policy whenever another replica announces a change,
// until ctx ends. It holds one connection of its own (LISTEN needs a
// session) and reconnects after a failure.
func (en *Enforcer) Listen(ctx context.Context, databaseURL string) {
	for ctx.Err() == nil {
		if err := en.listenOnce(ctx, databaseURL); err != nil && ctx.Err() == nil {
			en.log.Warn("policy listener stopped; reconnecting", "error", err)
			select {
			case <-ctx.Done():
			case <-time.After(5 * time.Second):
			}
		}
	}
}

func (en *Enforcer) listenOnce(ctx context.Context, databaseURL string) error {
	conn, err := pgx.Connect(ctx, databaseURL)
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, "LISTEN "+policyChannel); err != nil {
		return err
	}
	// A change made while this listener was not connected is picked up now.
	if err := en.Reload(); err != nil {
		return err
	}
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return err
		}
		if n.Payload == en.replica {
			continue
		}
		if err := en.Reload(); err != nil {
			en.log.Error("casbin reload failed", "error", err)
		}
	}
}
