package app

import (
	"regexp"

	"github.com/gofiber/fiber/v2"
)

// UploadBodyLimit is the largest request body an upload route accepts: a
// 12 MB camera photo (funds.MaxUploadBytes) and the form around it. The
// handler answers a file over its own limit with a field error on the
// same form; only a body over this one is refused before any handler.
const UploadBodyLimit = 13 << 20

// uploadRoutes are the routes that take a file: the ledger's receipt photo
// (page and API) and the group's photo.
var uploadRoutes = []struct {
	method string
	path   *regexp.Regexp
}{
	{fiber.MethodPost, regexp.MustCompile(`^/t/[^/]+/ledger/?$`)},
	{fiber.MethodPost, regexp.MustCompile(`^/api/v1/t/[^/]+/ledger/?$`)},
	{fiber.MethodPost, regexp.MustCompile(`^/t/[^/]+/settings/photo/?$`)},
}

// smallBodies refuses a body over BodyLimit on every route but the upload
// routes, with the 413 problem or error page. It runs after the caller is
// identified, so that page shows her signed in.
func smallBodies(c *fiber.Ctx) error {
	// The server checked Content-Length against what it read; a chunked
	// body has none, and its length is what was read. (Body() would
	// rebuild a multipart form the server has already parsed.)
	n := c.Request().Header.ContentLength()
	if n < 0 {
		n = len(c.Request().Body())
	}
	if n <= BodyLimit {
		return c.Next()
	}
	for _, r := range uploadRoutes {
		if c.Method() == r.method && r.path.MatchString(c.Path()) {
			return c.Next()
		}
	}
	return fiber.ErrRequestEntityTooLarge
}

// errorHandler identifies the caller before next renders an error the
// server raised before any middleware ran (a body over UploadBodyLimit, a
// malformed request): without it the page's header would read "Masuk" as
// if she were signed out.
func (a *App) errorHandler(next fiber.ErrorHandler) fiber.ErrorHandler {
	return func(c *fiber.Ctx, err error) error {
		if ierr := a.Identity.Identify(c, a.Config.HTTPS()); ierr != nil {
			a.Log.Warn("error page: caller not identified", "error", ierr)
		}
		return next(c, err)
	}
}
