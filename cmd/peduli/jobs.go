package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/peduli/peduli/internal/platform/config"
)

const jobsUsage = "usage: peduli jobs list [--failed] [--limit N] | peduli jobs retry ID"

// jobStates are what "peduli jobs list" shows: waiting and running work
// by default, jobs that gave up (or were cancelled) with --failed.
var (
	queuedStates = []rivertype.JobState{rivertype.JobStateAvailable, rivertype.JobStatePending,
		rivertype.JobStateScheduled, rivertype.JobStateRetryable, rivertype.JobStateRunning}
	failedStates = []rivertype.JobState{rivertype.JobStateDiscarded, rivertype.JobStateCancelled}
)

// jobsCmd lets an operator see the background job queue every replica
// shares and put a failed job back in it.
func jobsCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return errors.New(jobsUsage)
	}
	switch args[0] {
	case "list":
		var failed bool
		var limit int
		cfg, err := config.Load("jobs list", args[1:], func(fs *flag.FlagSet) {
			fs.BoolVar(&failed, "failed", false, "list jobs that failed for good or were cancelled")
			fs.IntVar(&limit, "limit", 50, "list at most this many jobs")
		})
		if err != nil {
			return err
		}
		a, err := openApp(ctx, cfg, stderr)
		if err != nil {
			return err
		}
		defer a.Close()
		states := queuedStates
		if failed {
			states = failedStates
		}
		res, err := a.Jobs.Client().JobList(ctx, river.NewJobListParams().States(states...).
			OrderBy(river.JobListOrderByID, river.SortOrderAsc).First(max(1, min(limit, 10_000))))
		if err != nil {
			return err
		}
		w := tabwriter.NewWriter(stdout, 2, 4, 2, ' ', 0)
		fmt.Fprintln(w, "ID\tKIND\tSTATE\tATTEMPT\tDUE\tLAST ERROR")
		for _, j := range res.Jobs {
			last := ""
			if n := len(j.Errors); n > 0 {
				last = j.Errors[n-1].Error
			}
			fmt.Fprintf(w, "%d\t%s\t%s\t%d/%d\t%s\t%s\n", j.ID, j.Kind, j.State, j.Attempt, j.MaxAttempts,
				j.ScheduledAt.UTC().Format(time.RFC3339), last)
		}
		return w.Flush()
	case "retry":
		if len(args) < 2 {
			return errors.New(jobsUsage)
		}
		id, err := strconv.ParseInt(args[1], 10, 64)
		if err != nil {
			return errors.New(jobsUsage)
		}
		cfg, err := config.Load("jobs retry", args[2:])
		if err != nil {
			return err
		}
		a, err := openApp(ctx, cfg, stderr)
		if err != nil {
			return err
		}
		defer a.Close()
		j, err := a.Jobs.Client().JobRetry(ctx, id)
		if errors.Is(err, river.ErrNotFound) {
			return fmt.Errorf("no job %d", id)
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "job %d (%s) is %s again\n", j.ID, j.Kind, j.State)
		return nil
	}
	return errors.New(jobsUsage)
}
