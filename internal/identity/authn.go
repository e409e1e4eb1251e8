package identity

import (
	"errors"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/platform/httpx"
)

const (
	localUser    = "identity.user"
	localSession = "identity.session"
	localChecked = "identity.checked"
)

// Cookie names the session cookie; the __Host- prefix (HTTPS only) pins it
// to this host and path "/".
func Cookie(https bool) string {
	if https {
		return "__Host-peduli_session"
	}
	return "peduli_session"
}

// Middleware resolves the caller from a Bearer token or the session
// cookie. It lets anonymous requests through; RequireUser refuses them.
func (s *Service) Middleware(https bool) fiber.Handler {
	return func(c *fiber.Ctx) error {
		if err := s.Identify(c, https); err != nil {
			return err
		}
		return c.Next()
	}
}

// Identify resolves the caller once per request, as Middleware does. The
// error handler calls it for a request refused before the middleware ran
// (a body over the server's limit), so the error page's header still
// shows who is signed in.
func (s *Service) Identify(c *fiber.Ctx, https bool) error {
	if c.Locals(localChecked) != nil {
		return nil
	}
	c.Locals(localChecked, true)
	c.SetUserContext(WithClientIP(c.UserContext(), c.IP()))
	token := bearer(c.Get(fiber.HeaderAuthorization))
	if token == "" {
		token = c.Cookies(Cookie(https))
	}
	if token == "" {
		return nil
	}
	u, sess, err := s.Resolve(c.UserContext(), token)
	if errors.Is(err, errs.ErrUnauthenticated) {
		return nil
	}
	if err != nil {
		return err
	}
	c.Locals(localUser, u)
	c.Locals(localSession, sess)
	httpx.SetLogUser(c, u.ID)
	return nil
}

func bearer(h string) string {
	scheme, token, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return ""
	}
	return strings.TrimSpace(token)
}

// RequireUser answers 401 to a request without a valid session.
func RequireUser(c *fiber.Ctx) error {
	if UserOf(c) == nil {
		return errs.ErrUnauthenticated
	}
	return c.Next()
}

// RequirePlatformAdmin is the one gate of every /admin route: 401 to a
// visitor, 403 to a signed-in user who does not run the platform.
func RequirePlatformAdmin(admins PlatformAdmins) fiber.Handler {
	return func(c *fiber.Ctx) error {
		u := UserOf(c)
		if u == nil {
			return errs.ErrUnauthenticated
		}
		if !admins.IsPlatformAdmin(u.ID) {
			return errs.ErrForbidden
		}
		return c.Next()
	}
}

// UserOf returns the authenticated user, or nil.
func UserOf(c *fiber.Ctx) *User {
	u, _ := c.Locals(localUser).(*User)
	return u
}

// SessionOf returns the current session, or nil.
func SessionOf(c *fiber.Ctx) *Session {
	s, _ := c.Locals(localSession).(*Session)
	return s
}
