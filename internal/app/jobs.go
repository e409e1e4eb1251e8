package app

import (
	"context"
	"time"

	"github.com/riverqueue/river"

	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/jobs"
	"github.com/peduli/peduli/internal/regions"
)

// Periodic jobs. The cluster's leader inserts each when due; any replica
// works it. Each is idempotent and unique while waiting or running.
const (
	// RollupEvery is how often changed groups' coordinator figures are
	// recomputed: about the most a coordinator's view lags a group's data.
	RollupEvery = time.Minute
	// PruneEvery is how often ended sessions, dead reset links and idle
	// login-throttle counters are deleted.
	PruneEvery = time.Hour
	// RollupBudget bounds one rollup run, well inside River's job timeout.
	RollupBudget = 2 * time.Minute
)

// RollupChanged refreshes the coordinator figures of groups that changed.
type RollupChanged struct{}

// Kind names the job.
func (RollupChanged) Kind() string { return "rollup_changed" }

// RollupDay renews a share of the groups' figures for the moving window.
type RollupDay struct{}

// Kind names the job.
func (RollupDay) Kind() string { return "rollup_day" }

// Prune deletes records nobody needs any more.
type Prune struct{}

// Kind names the job.
func (Prune) Kind() string { return "prune" }

// registerJobs gives every job kind its worker and schedules the periodic
// ones; the runner is built afterwards.
func (a *App) registerJobs(resets *identity.Resets) {
	r := a.Jobs
	jobs.Handle(r, func(ctx context.Context, _ *river.Job[RollupChanged]) error {
		// Batch after batch while more are waiting, for up to RollupBudget;
		// what is left waits for the next run.
		for start := time.Now(); time.Since(start) < RollupBudget; {
			n, err := a.Regions.RefreshChanged(ctx, regions.RefreshBatch)
			if err != nil || n < regions.RefreshBatch {
				return err
			}
		}
		return nil
	})
	jobs.Handle(r, func(ctx context.Context, _ *river.Job[RollupDay]) error {
		share, err := a.Regions.DayShare(ctx)
		if err != nil {
			return err
		}
		_, err = a.Regions.RefreshDay(ctx, share)
		return err
	})
	jobs.Handle(r, func(ctx context.Context, _ *river.Job[Prune]) error {
		return a.Prune(ctx)
	})
	// A province's report computes thousands of groups from their facts:
	// minutes on a busy server, more than River's default job timeout.
	jobs.HandleWithin(r, regions.ReportJobTimeout, func(ctx context.Context, j *river.Job[regions.ReportJob]) error {
		return a.Regions.WorkReport(ctx, j.Args.ID)
	})
	jobs.Handle(r, a.Funds.ReconcileOne)
	jobs.Handle(r, a.Funds.MailReceipt)
	jobs.Handle(r, a.Funds.MailSummary)
	jobs.Handle(r, resets.MailReset)
	jobs.Handle(r, a.Identity.WorkVerifyMail)

	// The rollup runs as soon as a leader is elected too, so groups that
	// changed or appeared while no server ran get their figures at once.
	r.Every(RollupEvery, true, func() river.JobArgs { return RollupChanged{} })
	r.Every(regions.PassEvery, true, func() river.JobArgs { return RollupDay{} })
	r.Every(PruneEvery, false, func() river.JobArgs { return Prune{} })
}

// JobGrace is how long running jobs may finish when the server stops.
const JobGrace = 10 * time.Second

// RunJobs works background jobs and takes part in scheduling the periodic
// ones until ctx ends.
func (a *App) RunJobs(ctx context.Context) error {
	return a.Jobs.Run(ctx, JobGrace)
}

// Prune deletes ended sessions, dead password-reset and email-verification
// links, idle login-throttle counters, spent rate-limit windows and
// expired background region reports once.
func (a *App) Prune(ctx context.Context) error {
	now := time.Now().UTC()
	n, err := a.Identity.Store.PruneSessions(ctx, now)
	if err != nil {
		return err
	}
	if n > 0 {
		a.Log.Info("pruned sessions", "count", n)
	}
	if n, err = identity.PruneVerifications(ctx, a.DB, now); err != nil {
		return err
	}
	if n > 0 {
		a.Log.Info("pruned email verifications", "count", n)
	}
	if n, err = identity.PruneResets(ctx, a.DB, now); err != nil {
		return err
	}
	if n > 0 {
		a.Log.Info("pruned password resets", "count", n)
	}
	if n, err = a.Regions.PruneReports(ctx, now); err != nil {
		return err
	}
	if n > 0 {
		a.Log.Info("pruned region report results", "count", n)
	}
	if err := a.limiter.Prune(ctx); err != nil {
		return err
	}
	return a.Identity.Store.PruneThrottles(ctx, now)
}
