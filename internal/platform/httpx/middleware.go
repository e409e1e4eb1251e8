package httpx

import (
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"regexp"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
)

// Keys of request-scoped values that logs read. Features set them through
// SetLogUser and SetLogTenant so this package imports no feature.
const (
	localRequestID = "httpx.request_id"
	localUserID    = "httpx.user_id"
	localTenant    = "httpx.tenant"
)

var requestIDPattern = regexp.MustCompile(`^[A-Za-z0-9._-]{8,64}$`)

// RequestID takes a well-formed X-Request-Id from the client or makes one,
// stores it for logs and echoes it in the response.
func RequestIDMiddleware(c *fiber.Ctx) error {
	id := c.Get(fiber.HeaderXRequestID)
	if !requestIDPattern.MatchString(id) {
		var b [12]byte
		_, _ = rand.Read(b[:])
		id = hex.EncodeToString(b[:])
	}
	c.Locals(localRequestID, id)
	c.Set(fiber.HeaderXRequestID, id)
	return c.Next()
}

// RequestID returns the current request's id.
func RequestID(c *fiber.Ctx) string {
	id, _ := c.Locals(localRequestID).(string)
	return id
}

// SetLogUser records the authenticated user's id for the request log.
func SetLogUser(c *fiber.Ctx, userID string) { c.Locals(localUserID, userID) }

// SetLogTenant records the resolved tenant's slug for the request log.
func SetLogTenant(c *fiber.Ctx, slug string) { c.Locals(localTenant, slug) }

// AccessLog writes one JSON line per request. It logs the route pattern, not
// the raw path, because paths can carry invitation and reset tokens; query
// strings are never logged.
func AccessLog(log *slog.Logger) fiber.Handler {
	return func(c *fiber.Ctx) error {
		start := time.Now()
		err := c.Next()
		status := c.Response().StatusCode()
		if err != nil {
			status = Classify(err).Status
		}
		attrs := []any{
			"request_id", RequestID(c),
			"method", c.Method(),
			"route", routePath(c),
			"status", status,
			"duration_ms", float64(time.Since(start).Microseconds()) / 1000,
		}
		if u, ok := c.Locals(localUserID).(string); ok {
			attrs = append(attrs, "user", u)
		}
		if t, ok := c.Locals(localTenant).(string); ok {
			attrs = append(attrs, "tenant", t)
		}
		level := slog.LevelInfo
		if status >= 500 {
			level = slog.LevelError
		}
		log.Log(c.UserContext(), level, "request", attrs...)
		return err
	}
}

func routePath(c *fiber.Ctx) string {
	if r := c.Route(); r != nil && r.Path != "" && r.Path != "/" {
		return r.Path
	}
	return "(unmatched)"
}

// SecurityHeaders sets the headers every response carries. The CSP allows no
// inline script, so pages load htmx and their own scripts from /static only;
// inline styles only when their hash is among styleSources ('sha256-…').
func SecurityHeaders(https bool, styleSources ...string) fiber.Handler {
	csp := "default-src 'self'; script-src 'self'; style-src " + strings.Join(append([]string{"'self'"}, styleSources...), " ") + "; " +
		"img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
	return func(c *fiber.Ctx) error {
		h := &c.Response().Header
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		h.Set("Content-Security-Policy", csp)
		if https {
			h.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
		}
		return c.Next()
	}
}

// NoStore marks a response as never to be cached: pages and API answers that
// may carry personal data.
func NoStore(c *fiber.Ctx) error {
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Next()
}
