package app

import "context"

// RunJobs runs the server's periodic jobs until ctx ends. Features add
// their schedules here.
func (a *App) RunJobs(ctx context.Context) {
	<-ctx.Done()
}
