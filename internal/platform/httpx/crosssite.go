package httpx

import (
	"net/url"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// CrossSiteGuard refuses (403 cross_site) a state-changing request that a
// browser sent from another site with the session cookie: the request
// forgery a cookie invites. It trusts Fetch Metadata (Sec-Fetch-Site, set
// by the browser and not by page scripts) and, where a browser sends none,
// the Origin header. Requests without the cookie, or authenticated by a
// Bearer token (which no other site can make a browser attach), pass:
// CSRF needs ambient credentials. Safe methods pass; they change nothing.
func CrossSiteGuard(cookieName, baseURL string) fiber.Handler {
	self := origin(baseURL)
	return func(c *fiber.Ctx) error {
		switch c.Method() {
		case fiber.MethodGet, fiber.MethodHead, fiber.MethodOptions:
			return c.Next()
		}
		if c.Cookies(cookieName) == "" || strings.HasPrefix(strings.ToLower(c.Get(fiber.HeaderAuthorization)), "bearer ") {
			return c.Next()
		}
		site := strings.ToLower(c.Get("Sec-Fetch-Site"))
		from := c.Get(fiber.HeaderOrigin)
		// "same-site" covers sibling subdomains, which may be someone else's.
		if site == "cross-site" || site == "same-site" || (from != "" && from != "null" && origin(from) != self) || from == "null" {
			p := NewProblem("forbidden", "requests from other sites are not accepted")
			p.Code = "cross_site"
			return &ProblemError{Problem: p}
		}
		return c.Next()
	}
}

// origin returns scheme://host[:port] of a URL, lower-cased.
func origin(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return strings.ToLower(u.Scheme + "://" + u.Host)
}
