package app

import (
	"context"
	"github.com/peduli/peduli/internal/identity"
	"time"

	"github.com/peduli/peduli/internal/web/account"
)

// RollupEvery is how often changed groups' coordinator figures are
// recomputed: the most a coordinator's view lags a group's data.
const RollupEvery = 5 * time.Minute

// ReconcileEvery is how often pending online donations are checked with
// Stripe, and ReconcileAfter how old a pending donation must be: a donor
// still on the payment page is not disturbed.
const (
	ReconcileEvery = 10 * time.Minute
	ReconcileAfter = 30 * time.Minute
)

// RunJobs runs the server's periodic jobs until ctx ends. Features add
// their schedules here.
func (a *App) RunJobs(ctx context.Context) {
	// Coordinators' per-group figures: refresh groups whose data changed.
	go a.Regions.RefreshEvery(ctx, RollupEvery)
	// Online donations whose webhook never came: ask Stripe.
	go a.Funds.ReconcileEvery(ctx, ReconcileEvery, ReconcileAfter)
	// Login-throttle counters nobody has touched for an hour.
	go a.Identity.PruneThrottlesEvery(ctx, time.Hour)
	// Ended sessions and dead reset links.
	go a.pruneEvery(ctx, time.Hour)
	<-ctx.Done()
}

// pruneEvery deletes ended sessions and dead password-reset links on a timer
// until ctx ends.
func (a *App) pruneEvery(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			a.Prune(ctx)
		}
	}
}

// Prune deletes ended sessions and dead password-reset and email
// verification links once.
func (a *App) Prune(ctx context.Context) {
	now := time.Now().UTC()
	if n, err := a.Identity.Store.PruneSessions(ctx, now); err != nil {
		a.Log.Error("prune sessions failed", "error", err)
	} else if n > 0 {
		a.Log.Info("pruned sessions", "count", n)
	}
	if n, err := identity.PruneVerifications(ctx, a.DB, now); err != nil {
		a.Log.Error("prune email verifications failed", "error", err)
	} else if n > 0 {
		a.Log.Info("pruned email verifications", "count", n)
	}
	if n, err := account.PruneResets(ctx, a.DB, now); err != nil {
		a.Log.Error("prune password resets failed", "error", err)
	} else if n > 0 {
		a.Log.Info("pruned password resets", "count", n)
	}
	if err := a.limiter.Prune(ctx); err != nil {
		a.Log.Error("prune rate limits failed", "error", err)
	}
}
