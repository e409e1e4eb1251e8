package ratelimit_test

import (
	"errors"
	"testing"
	"time"

	"github.com/peduli/peduli/internal/platform/ratelimit"
	"github.com/peduli/peduli/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

// TestWindowReopens: within a window the limit holds and Retry-After is
// what is left of it; refusals do not add beyond the limit; once the
// window ends the key starts again from zero.
func TestWindowReopens(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		now := time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC)
		l := &ratelimit.Limiter{DB: e.App.DB, Now: func() time.Time { return now }}
		key := testkit.Unique("k")
		for range 3 {
			if err := l.Hit(t.Context(), key, 3, time.Minute); err != nil {
				t.Fatalf("within the limit: %v", err)
			}
		}
		now = now.Add(20 * time.Second)
		for range 5 {
			var le *ratelimit.LimitedError
			if err := l.Hit(t.Context(), key, 3, time.Minute); !errors.As(err, &le) || le.RetryAfter() != 40*time.Second {
				t.Fatalf("over the limit: %v", err)
			}
		}
		var hits int
		if err := e.Owner.Global(t.Context()).Raw("SELECT hits FROM rate_limits WHERE key = ?", key).Row().Scan(&hits); err != nil || hits != 4 {
			t.Fatalf("stored hits = %d (%v), want 4", hits, err)
		}
		if err := l.Hit(t.Context(), "other-"+key, 3, time.Minute); err != nil {
			t.Fatalf("another key: %v", err)
		}
		now = now.Add(40 * time.Second)
		if err := l.Hit(t.Context(), key, 3, time.Minute); err != nil {
			t.Fatalf("after the window: %v", err)
		}
		if err := l.Prune(t.Context()); err != nil {
			t.Fatal(err)
		}
		var left int64
		if err := e.Owner.Global(t.Context()).Raw("SELECT count(*) FROM rate_limits WHERE key = ?", key).Row().Scan(&left); err != nil || left != 1 {
			t.Fatalf("a live counter was pruned: %d (%v)", left, err)
		}
		now = now.Add(2 * time.Minute)
		if err := l.Prune(t.Context()); err != nil {
			t.Fatal(err)
		}
		if err := e.Owner.Global(t.Context()).Raw("SELECT count(*) FROM rate_limits WHERE key = ?", key).Row().Scan(&left); err != nil || left != 0 {
			t.Fatalf("an ended counter was kept: %d (%v)", left, err)
		}
	})
}
