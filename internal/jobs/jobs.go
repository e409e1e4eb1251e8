// Package jobs runs Peduli's background work through River, one queue in
// the product's own database shared by every replica: a job inserted in a
// request's transaction exists exactly when the data it follows does, a
// failed job is retried with backoff, unique jobs are not duplicated, and
// periodic jobs are scheduled by the elected leader only, so N replicas run
// each of them once.
//
// On PostgreSQL River reaches the database through the same database/sql
// pool as GORM (gorm.io/driver/postgres opens it through pgx's stdlib
// adapter), with the riverdatabasesql driver, so a GORM transaction's
// *sql.Tx can carry an insert. On SQLite it uses the riversqlite driver on
// the embedded file's pool. Both poll for work (no LISTEN), which also keeps
// River working behind PgBouncer in transaction mode.
package jobs

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/riverqueue/river/rivertype"
	"gorm.io/gorm"

	"github.com/peduli/peduli/internal/platform/db"
)

// Workers bounds how many jobs one replica works at once; jobs use the
// app's pool, so this leaves most connections to requests.
const Workers = 4

// PollEvery is how long a new job may wait before a replica notices it.
const PollEvery = time.Second

// Runner is one replica's River client plus the workers features register
// before it is built.
type Runner struct {
	db       *db.DB
	log      *slog.Logger
	workers  *river.Workers
	periodic []*river.PeriodicJob
	client   *river.Client[*sql.Tx]
	// mu makes a second Stop wait for the first to finish, so the pool is
	// never closed under a client that is still stopping.
	mu      sync.Mutex
	started bool
}

// New returns a Runner on d; features register workers, then Build.
func New(d *db.DB, log *slog.Logger) *Runner {
	return &Runner{db: d, log: log, workers: river.NewWorkers()}
}

// Handle registers fn as the worker of jobs with args of type T.
func Handle[T river.JobArgs](r *Runner, fn func(ctx context.Context, job *river.Job[T]) error) {
	river.AddWorker(r.workers, river.WorkFunc(fn))
}

// HandleWithin is Handle for a job that may run longer than the client's
// JobTimeout: its context is cancelled after timeout instead.
func HandleWithin[T river.JobArgs](r *Runner, timeout time.Duration, fn func(ctx context.Context, job *river.Job[T]) error) {
	river.AddWorker(r.workers, &timedWorker[T]{fn: fn, timeout: timeout})
}

type timedWorker[T river.JobArgs] struct {
	river.WorkerDefaults[T]
	fn      func(ctx context.Context, job *river.Job[T]) error
	timeout time.Duration
}

func (w *timedWorker[T]) Work(ctx context.Context, job *river.Job[T]) error { return w.fn(ctx, job) }

func (w *timedWorker[T]) Timeout(*river.Job[T]) time.Duration { return w.timeout }

// Every schedules a job on an interval, inserted by the cluster's leader
// only and unique while one waits or runs, so a slow run is not stacked on.
// Periodic jobs start with Run; the first run is due when a leader is
// elected if atStart, else one interval later.
func (r *Runner) Every(every time.Duration, atStart bool, args func() river.JobArgs) {
	r.periodic = append(r.periodic, river.NewPeriodicJob(river.PeriodicInterval(every),
		func() (river.JobArgs, *river.InsertOpts) { return args(), Once }, &river.PeriodicJobOpts{RunOnStart: atStart}))
}

func driver(d *db.DB) riverdriver.Driver[*sql.Tx] {
	if d.Dialect == db.Postgres {
		return riverdatabasesql.New(d.SQL())
	}
	return riversqlite.New(d.SQL())
}

// Build creates the River client once every worker is registered.
func (r *Runner) Build() error {
	c, err := river.NewClient(driver(r.db), &river.Config{
		Logger:  slog.New(atLeastInfo{r.log.Handler()}),
		Workers: r.workers,
		Queues:  map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: Workers}},
		// The serving role owns no table, so it may not REINDEX River's.
		ReindexerIndexNames: []string{},
		PollOnly:            true,
		FetchPollInterval:   PollEvery,
		MaxAttempts:         10,
		JobTimeout:          5 * time.Minute,
		// Keep a failed job a month for operators (peduli jobs).
		DiscardedJobRetentionPeriod: 30 * 24 * time.Hour,
	})
	if err != nil {
		return fmt.Errorf("jobs: %w", err)
	}
	r.client = c
	return nil
}

// Client is the River client (for operators' listing and retrying).
func (r *Runner) Client() *river.Client[*sql.Tx] { return r.client }

// Start works jobs until Stop; periodic jobs are not scheduled (see Run).
func (r *Runner) Start(ctx context.Context) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if err := r.client.Start(ctx); err != nil {
		return fmt.Errorf("jobs: start: %w", err)
	}
	r.started = true
	return nil
}

// Run works jobs and takes part in scheduling the periodic ones until ctx
// ends, then stops, letting running jobs finish for up to grace.
func (r *Runner) Run(ctx context.Context, grace time.Duration) error {
	r.client.PeriodicJobs().AddMany(r.periodic)
	if err := r.Start(ctx); err != nil {
		return err
	}
	<-ctx.Done()
	return r.Stop(grace)
}

// Stop stops working jobs, cancelling those still running after grace.
func (r *Runner) Stop(grace time.Duration) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.started {
		return nil
	}
	r.started = false
	ctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	if err := r.client.Stop(ctx); err != nil {
		hard, cancel2 := context.WithTimeout(context.Background(), grace)
		defer cancel2()
		return errors.Join(err, r.client.StopAndCancel(hard))
	}
	return nil
}

// Enqueue inserts a job on its own.
func (r *Runner) Enqueue(ctx context.Context, args river.JobArgs, opts *river.InsertOpts) error {
	_, err := r.client.Insert(ctx, args, opts)
	return err
}

// EnqueueTx inserts a job in tx, a GORM transaction: the job exists if and
// only if the transaction commits. A handle outside a transaction (SQLite
// reads) inserts on its own.
func (r *Runner) EnqueueTx(tx *gorm.DB, args river.JobArgs, opts *river.InsertOpts) error {
	ctx := tx.Statement.Context
	if ctx == nil {
		ctx = context.Background()
	}
	if sqlTx, ok := tx.Statement.ConnPool.(*sql.Tx); ok {
		_, err := r.client.InsertTx(ctx, sqlTx, args, opts)
		return err
	}
	return r.Enqueue(ctx, args, opts)
}

// Backlog counts the jobs waiting to run (available, scheduled or waiting
// to be retried) and those given up after their last attempt, which River
// keeps for a while for operators to see.
func (r *Runner) Backlog(ctx context.Context) (waiting, failed int64, err error) {
	q := r.db.Global(ctx).Table("river_job")
	if err = q.Where("state IN ?", []string{"available", "scheduled", "retryable"}).Count(&waiting).Error; err != nil {
		return 0, 0, fmt.Errorf("jobs: count waiting: %w", err)
	}
	if err = r.db.Global(ctx).Table("river_job").Where("state = ?", "discarded").Count(&failed).Error; err != nil {
		return 0, 0, fmt.Errorf("jobs: count failed: %w", err)
	}
	return waiting, failed, nil
}

// Once makes a job unique among those not yet finished, by its args: a
// second insert while one is waiting or running is dropped.
var Once = &river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: []rivertype.JobState{
	rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRetryable,
	rivertype.JobStateRunning, rivertype.JobStateScheduled,
}}}

// Ever makes a job unique by its args for as long as River keeps it
// (completed jobs included): a receipt is mailed once per donation.
var Ever = &river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}}

// atLeastInfo passes on River's records of level Info and above: its debug
// records (a stats line every few seconds) say nothing an operator needs.
type atLeastInfo struct{ slog.Handler }

func (h atLeastInfo) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= slog.LevelInfo && h.Handler.Enabled(ctx, l)
}

func (h atLeastInfo) WithAttrs(as []slog.Attr) slog.Handler {
	return atLeastInfo{h.Handler.WithAttrs(as)}
}

func (h atLeastInfo) WithGroup(name string) slog.Handler {
	return atLeastInfo{h.Handler.WithGroup(name)}
}

// migrationLock serialises River's migrations across replicas starting
// together on PostgreSQL (goose takes its own lock for ours).
const migrationLock = 7_342_501_120

// Migrate applies River's own migrations (its tables are not tenant tables
// and have no row-level security). Run it as the schema owner, before the
// serving role's grants. Each version is applied in its own transaction
// (a later one uses an enum value an earlier one adds), holding a lock so
// that replicas starting together take turns.
func Migrate(ctx context.Context, d *db.DB, log *slog.Logger) error {
	m, err := rivermigrate.New(driver(d), &rivermigrate.Config{Logger: log})
	if err != nil {
		return fmt.Errorf("river migrations: %w", err)
	}
	for {
		applied, err := migrateStep(ctx, d, m)
		if err != nil {
			return fmt.Errorf("river migrations: %w", err)
		}
		if len(applied) == 0 {
			return nil // River logs each version it applies
		}
	}
}

func migrateStep(ctx context.Context, d *db.DB, m *rivermigrate.Migrator[*sql.Tx]) ([]rivermigrate.MigrateVersion, error) {
	tx, err := d.SQL().BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer func() { _ = tx.Rollback() }() // after Commit this does nothing
	if d.Dialect == db.Postgres {
		if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock($1)", int64(migrationLock)); err != nil {
			return nil, err
		}
	}
	res, err := m.MigrateTx(ctx, tx, rivermigrate.DirectionUp, &rivermigrate.MigrateOpts{MaxSteps: 1})
	if err != nil {
		return nil, err
	}
	return res.Versions, tx.Commit()
}
