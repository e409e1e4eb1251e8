package httpx

import "github.com/gofiber/fiber/v2"

// Unmatched is the route label of a request no route pattern served.
const Unmatched = "(unmatched)"

var knownMethod = map[string]bool{"GET": true, "HEAD": true, "POST": true, "PUT": true, "PATCH": true, "DELETE": true, "OPTIONS": true}

// MethodLabel is the request's method as metrics and traces name it: a
// standard method, else OTHER, so a client cannot mint label values.
func MethodLabel(c *fiber.Ctx) string {
	if m := c.Method(); knownMethod[m] {
		return m
	}
	return "OTHER"
}

// RouteLabel is the route pattern that served the request
// ("/api/v1/t/:slug/beneficiaries"), never the raw path with its ids, or
// Unmatched when routing found none.
func RouteLabel(c *fiber.Ctx) string {
	if r := c.Route(); r != nil && r.Path != "" && r.Path != "/" {
		return r.Path
	}
	return Unmatched
}

// StatusOf is the status the client gets after the handlers returned err:
// the error handler's for an error, else the response's own.
func StatusOf(c *fiber.Ctx, err error) int {
	if err != nil {
		return Classify(err).Status
	}
	return c.Response().StatusCode()
}
