package app

import (
	"context"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/httpx"
)

// RequestTimeout bounds the database work of one request: a query still
// waiting for a connection or an answer after this long is abandoned and
// the request answered 503, so a replica whose database hangs never hangs
// its clients.
const RequestTimeout = 30 * time.Second

// deadline gives each request's context the App's RequestTimeout.
func (a *App) deadline(c *fiber.Ctx) error {
	ctx, cancel := context.WithTimeout(c.UserContext(), a.RequestTimeout)
	defer cancel()
	c.SetUserContext(ctx)
	return c.Next()
}

// unavailable turns a database that cannot be reached into a 503 problem
// with Retry-After (instead of a 500): nothing was committed and the
// client may try again once the database is back. It runs before the
// access log and metrics see the error, so they count a 503 too.
func (a *App) unavailable(c *fiber.Ctx) error {
	err := c.Next()
	if db.IsUnavailable(err) {
		a.Log.Warn("database unavailable", "request_id", httpx.RequestID(c), "error", err)
		c.Set(fiber.HeaderRetryAfter, "5")
		return &httpx.ProblemError{Problem: httpx.NewProblem("unavailable", "the database is unreachable; try again shortly")}
	}
	return err
}

// Drain makes /readyz answer 503 from now on, while every other route is
// still served: load balancers stop sending new requests before the
// server stops accepting them.
func (a *App) Drain() { a.draining.Store(true) }

// Draining reports whether Drain was called.
func (a *App) Draining() bool { return a.draining.Load() }
