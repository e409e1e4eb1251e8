package jobs_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/peduli/peduli/internal/jobs"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

type tick struct{}

func (tick) Kind() string { return "test_tick" }

type flaky struct {
	Name string `json:"name"`
}

func (flaky) Kind() string { return "test_flaky" }

// runs records when each job was due (the periodic schedule's time) and
// how often each was worked, whichever replica worked it.
type runs struct {
	mu  sync.Mutex
	at  []time.Time
	ids map[int64]int
}

func (r *runs) add(id int64, due time.Time) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.at = append(r.at, due)
	r.ids[id]++
}

func (r *runs) snapshot() ([]time.Time, map[int64]int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	ids := map[int64]int{}
	for k, v := range r.ids {
		ids[k] = v
	}
	return append([]time.Time(nil), r.at...), ids
}

// replica is one server's runner on d, with the test's periodic job.
func replica(t *testing.T, d *db.DB, every time.Duration, seen *runs) *jobs.Runner {
	t.Helper()
	r := jobs.New(d, quiet)
	jobs.Handle(r, func(_ context.Context, j *river.Job[tick]) error {
		seen.add(j.ID, j.ScheduledAt)
		return nil
	})
	r.Every(every, false, func() river.JobArgs { return tick{} })
	if err := r.Build(); err != nil {
		t.Fatal(err)
	}
	return r
}

// Two replicas on one database schedule a periodic job once between them:
// only the elected leader inserts it, and each run is worked by one replica.
func TestPeriodicJobRunsOnceAcrossReplicas(t *testing.T) {
	for _, d := range testkit.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			a, b := testkit.New(t, d), testkit.New(t, d)
			second := a.App.DB
			if d == db.Postgres {
				second = b.App.DB // its own pool: another process as far as the database knows
			}
			const every = 400 * time.Millisecond
			seen := &runs{ids: map[int64]int{}}
			ctx, cancel := context.WithCancel(context.Background())
			var wg sync.WaitGroup
			for _, r := range []*jobs.Runner{replica(t, a.App.DB, every, seen), replica(t, second, every, seen)} {
				wg.Add(1)
				go func() {
					defer wg.Done()
					if err := r.Run(ctx, 5*time.Second); err != nil {
						t.Error(err)
					}
				}()
			}
			deadline := time.Now().Add(30 * time.Second)
			for {
				if at, _ := seen.snapshot(); len(at) >= 6 || time.Now().After(deadline) {
					break
				}
				time.Sleep(50 * time.Millisecond)
			}
			cancel()
			wg.Wait()
			at, ids := seen.snapshot()
			if len(at) < 6 {
				t.Fatalf("the periodic job ran %d times in 30 s", len(at))
			}
			for id, n := range ids {
				if n != 1 {
					t.Errorf("job %d worked %d times", id, n)
				}
			}
			for _, p := range scheduledTwice(at, every) {
				t.Error(p)
			}
		})
	}
}

// scheduledTwice lists runs due less than half an interval apart: two
// schedulers insert each run twice, due about together.
func scheduledTwice(at []time.Time, every time.Duration) []string {
	at = append([]time.Time(nil), at...)
	sort.Slice(at, func(i, j int) bool { return at[i].Before(at[j]) })
	var out []string
	for i := 1; i < len(at); i++ {
		if gap := at[i].Sub(at[i-1]); gap < every/2 {
			out = append(out, fmt.Sprintf("runs %d and %d due only %s apart: scheduled by more than one replica", i-1, i, gap))
		}
	}
	return out
}

// Negative control: two replicas each running their own ticker, as the
// server did before the job queue, are caught by scheduledTwice.
func TestScheduledTwiceCatchesPerReplicaTickers(t *testing.T) {
	const every = 400 * time.Millisecond
	start := time.Now()
	var at []time.Time
	for _, offset := range []time.Duration{0, 30 * time.Millisecond} { // two replicas started together
		for i := range 6 {
			at = append(at, start.Add(offset+time.Duration(i)*every))
		}
	}
	if n := len(scheduledTwice(at, every)); n != 6 {
		t.Fatalf("scheduledTwice found %d doubled runs of 6", n)
	}
}

// A job that fails is retried with backoff until it succeeds, and a second
// insert of a unique job while the first waits adds nothing.
func TestFailedJobIsRetried(t *testing.T) {
	for _, d := range testkit.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			e := testkit.New(t, d)
			r := jobs.New(e.App.DB, quiet)
			var mu sync.Mutex
			attempts := 0
			done := make(chan struct{})
			jobs.Handle(r, func(_ context.Context, j *river.Job[flaky]) error {
				mu.Lock()
				defer mu.Unlock()
				attempts++
				if j.Attempt == 1 {
					return errors.New("the mail server is down")
				}
				close(done)
				return nil
			})
			if err := r.Build(); err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			for range 2 {
				if err := r.Enqueue(ctx, flaky{Name: "once"}, jobs.Once); err != nil {
					t.Fatal(err)
				}
			}
			if err := r.Start(ctx); err != nil {
				t.Fatal(err)
			}
			defer r.Stop(5 * time.Second)
			select {
			case <-done:
			case <-time.After(45 * time.Second):
				t.Fatal("the failed job was not retried within 45 s")
			}
			mu.Lock()
			defer mu.Unlock()
			if attempts != 2 {
				t.Fatalf("%d attempts, want 2 (one failure, one retry, no duplicate)", attempts)
			}
		})
	}
}

type long struct{}

func (long) Kind() string { return "test_long" }

// A job handled with HandleWithin runs under its own timeout, not the
// client's default of 5 minutes.
func TestHandleWithinSetsTheTimeout(t *testing.T) {
	for _, d := range testkit.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			e := testkit.New(t, d)
			r := jobs.New(e.App.DB, quiet)
			left := make(chan time.Duration, 1)
			jobs.HandleWithin(r, 30*time.Minute, func(ctx context.Context, _ *river.Job[long]) error {
				deadline, ok := ctx.Deadline()
				if !ok {
					left <- 0
					return nil
				}
				left <- time.Until(deadline)
				return nil
			})
			if err := r.Build(); err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			if err := r.Enqueue(ctx, long{}, jobs.Once); err != nil {
				t.Fatal(err)
			}
			if err := r.Start(ctx); err != nil {
				t.Fatal(err)
			}
			defer r.Stop(5 * time.Second)
			select {
			case d := <-left:
				if d < 29*time.Minute || d > 30*time.Minute {
					t.Fatalf("the job's context ends in %v, want about 30 minutes", d)
				}
			case <-time.After(45 * time.Second):
				t.Fatal("the job did not run within 45 s")
			}
		})
	}
}
