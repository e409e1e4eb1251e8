package app

import (
	"context"
	"time"
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
	<-ctx.Done()
}
