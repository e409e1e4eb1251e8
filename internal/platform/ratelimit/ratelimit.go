// Package ratelimit bounds anonymous writes (donations, sign-up, password
// reset requests, invitations) per client address and per target. The
// counters live in the database, so every replica sees the same counts;
// an in-memory limiter would allow N times the limit with N replicas.
//
// Each counter is a fixed window: the first request of a key opens a
// window of Rule.Window, and within it at most Rule.Count requests pass.
// A refused request does not add to the counter beyond the limit, so
// hammering a closed window does not prolong it.
package ratelimit

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/platform/db"
)

// Rule is one limit: at most Count requests per Window for each key that
// Key derives from a request. Count <= 0 turns the rule off.
type Rule struct {
	Name   string // e.g. "donate-address"; part of the stored key
	Count  int
	Window time.Duration
	// Key names what the rule counts (a client address, a group, an email
	// hash); "" leaves the request out of this rule.
	Key func(c *fiber.Ctx) string
}

// LimitedError refuses a request over a limit; the HTTP layer answers 429
// rate_limited with Retry-After (it implements httpx.RetryLater).
type LimitedError struct{ Wait time.Duration }

func (e *LimitedError) Error() string { return fmt.Sprintf("rate limited; retry in %s", e.Wait) }

// RetryAfter is how long to wait before the window reopens.
func (e *LimitedError) RetryAfter() time.Duration { return e.Wait }

// Limiter counts requests in the rate_limits table.
type Limiter struct {
	DB  *db.DB
	Now func() time.Time
}

// hitSQL counts one request against key atomically (one statement, so two
// replicas counting at once never lose a hit): a key whose window has
// ended starts a new one; a key at its limit stays at limit+1.
const hitSQL = `INSERT INTO rate_limits (key, hits, window_ends) VALUES (?, 1, ?)
ON CONFLICT (key) DO UPDATE SET
    hits = CASE WHEN rate_limits.window_ends <= ? THEN 1
                WHEN rate_limits.hits <= ? THEN rate_limits.hits + 1
                ELSE rate_limits.hits END,
    window_ends = CASE WHEN rate_limits.window_ends <= ? THEN excluded.window_ends
                       ELSE rate_limits.window_ends END
RETURNING hits, window_ends`

// Hit counts one request against key under a limit of count per window.
// It returns nil when the request may go on, or a *LimitedError.
func (l *Limiter) Hit(ctx context.Context, key string, count int, window time.Duration) error {
	now := l.Now().UnixMilli()
	var hits int
	var ends int64
	err := l.DB.Global(ctx).Raw(hitSQL, key, now+window.Milliseconds(), now, count, now).Row().Scan(&hits, &ends)
	if err != nil {
		return fmt.Errorf("ratelimit: count %s: %w", key, err)
	}
	if hits <= count {
		return nil
	}
	wait := time.Duration(ends-now) * time.Millisecond
	return &LimitedError{Wait: max(wait, time.Second)}
}

// Check applies rules to a request in order and stops at the first one
// that refuses it, so a request refused per address never uses up its
// target's allowance. A refusal sets Retry-After itself, so pages that
// render their own error answer carry it too. A database fault is a 503.
func (l *Limiter) Check(c *fiber.Ctx, rules []Rule) error {
	for _, r := range rules {
		if r.Count <= 0 {
			continue
		}
		k := r.Key(c)
		if k == "" {
			continue
		}
		err := l.Hit(c.UserContext(), r.Name+":"+k, r.Count, r.Window)
		if le, ok := err.(*LimitedError); ok {
			c.Set(fiber.HeaderRetryAfter, strconv.Itoa(int(math.Ceil(le.Wait.Seconds()))))
			return le
		}
		if err != nil {
			return fiber.NewError(fiber.StatusServiceUnavailable, err.Error())
		}
	}
	return nil
}

// Wrap puts rules in front of h.
func (l *Limiter) Wrap(h fiber.Handler, rules ...Rule) fiber.Handler {
	return func(c *fiber.Ctx) error {
		if err := l.Check(c, rules); err != nil {
			return err
		}
		return h(c)
	}
}

// Prune removes counters whose window has ended.
func (l *Limiter) Prune(ctx context.Context) error {
	return l.DB.Global(ctx).Exec("DELETE FROM rate_limits WHERE window_ends <= ?", l.Now().UnixMilli()).Error
}
