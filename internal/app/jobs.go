package app

import (
	"context"
	"time"
)

// RollupEvery is how often changed groups' coordinator figures are
// recomputed: the most a coordinator's view lags a group's data.
const RollupEvery = 5 * time.Minute

// RunJobs runs the server's periodic jobs until ctx ends. Features add
// their schedules here.
func (a *App) RunJobs(ctx context.Context) {
	// Coordinators' per-group figures: refresh groups whose data changed.
	go a.Regions.RefreshEvery(ctx, RollupEvery)
	<-ctx.Done()
}
