package access

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
	"gorm.io/gorm"

	"github.com/peduli/peduli/internal/platform/db"
)

// rolesChannel is the PostgreSQL channel on which a transaction that
// changes roles names the domain it changed ("t:…", "r:…" or "platform").
// pg_notify inside the transaction is delivered when it commits and never
// if it rolls back. Every replica, the sender too, evicts that one entry.
// Notifications are at-most-once: a replica that misses one sees the change
// when the entry expires (CacheTTL).
const rolesChannel = "peduli_roles"

// announce queues the notice on tx. Only PostgreSQL has other replicas; on
// SQLite another process's change is noticed by WatchDataVersion.
func (en *Enforcer) announce(tx *gorm.DB, domain string) error {
	if en.db == nil || en.db.Dialect != db.Postgres {
		return nil
	}
	return tx.Exec("SELECT pg_notify(?, ?)", rolesChannel, domain).Error
}

// Listen evicts each domain another replica announces, until ctx ends. It
// holds one connection of its own (LISTEN needs a session) and reconnects
// after a failure, forgetting every cached role first since notices sent
// meanwhile are lost.
func (en *Enforcer) Listen(ctx context.Context, databaseURL string) {
	for ctx.Err() == nil {
		if err := en.listenOnce(ctx, databaseURL); err != nil && ctx.Err() == nil {
			en.log.Warn("role listener stopped; reconnecting", "error", err)
			select {
			case <-ctx.Done():
			case <-time.After(time.Second):
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
	if _, err := conn.Exec(ctx, "LISTEN "+rolesChannel); err != nil {
		return err
	}
	en.EvictAll()
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return err
		}
		en.Evict(n.Payload)
	}
}

// dataVersionEvery is how often WatchDataVersion looks; with the time a
// check takes to reload, a change by another process is enforced within a
// second.
const dataVersionEvery = 250 * time.Millisecond

// WatchDataVersion notices commits by other processes on the embedded
// database (the command line is a second process) and forgets every cached
// role when one happened, until ctx ends. SQLite's PRAGMA data_version
// changes on a connection when any other connection commits, so it holds
// one connection of the pool; this process's own commits through the other
// connections count too, which costs a reload, never a stale answer.
func (en *Enforcer) WatchDataVersion(ctx context.Context) {
	if en.db == nil || en.db.Dialect != db.SQLite {
		return
	}
	conn, err := en.db.SQL().Conn(ctx)
	if err != nil {
		en.log.Error("role watcher not started", "error", err)
		return
	}
	defer conn.Close()
	var last int64 = -1
	t := time.NewTicker(dataVersionEvery)
	defer t.Stop()
	for {
		var v int64
		if err := conn.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v); err != nil {
			if ctx.Err() != nil {
				return
			}
			en.log.Warn("role watcher failed", "error", err)
		} else if v != last {
			if last != -1 {
				en.EvictAll()
			}
			last = v
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
