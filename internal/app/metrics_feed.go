package app

import (
	"context"
	"math"
	"time"

	"github.com/peduli/peduli/internal/platform/metrics"
)

// feedTimeout bounds the database reads behind one scrape's gauges.
const feedTimeout = 2 * time.Second

// feedMetrics gives each scrape the job queue's depth and failures and the
// rollup's lag, read from the database (one replica's scrape sees the whole
// cluster's queue). A read that fails is logged and exported as NaN, never as
// a reassuring zero.
func (a *App) feedMetrics() {
	read := func(what string, fn func(ctx context.Context) (float64, error)) func() float64 {
		return func() float64 {
			ctx, cancel := context.WithTimeout(context.Background(), feedTimeout)
			defer cancel()
			v, err := fn(ctx)
			if err != nil {
				a.Log.Warn("metric not readable", "metric", what, "error", err)
				return math.NaN()
			}
			return v
		}
	}
	a.Metrics.Feed(metrics.JobQueueDepth, read(metrics.JobQueueDepth, func(ctx context.Context) (float64, error) {
		waiting, _, err := a.Jobs.Backlog(ctx)
		return float64(waiting), err
	}))
	a.Metrics.Feed(metrics.JobFailures, read(metrics.JobFailures, func(ctx context.Context) (float64, error) {
		_, failed, err := a.Jobs.Backlog(ctx)
		return float64(failed), err
	}))
	a.Metrics.Feed(metrics.RollupLag, read(metrics.RollupLag, func(ctx context.Context) (float64, error) {
		lag, err := a.Regions.RollupLag(ctx)
		return lag.Seconds(), err
	}))
}
