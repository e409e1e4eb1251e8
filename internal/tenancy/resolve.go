package tenancy

import (
	"fmt"

	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/platform/httpx"
)

const (
	localTenant  = "tenancy.tenant"
	localRole    = "tenancy.role"
	localService = "tenancy.service"
)

// Resolve turns /t/:slug into the tenant for a member of it. Everyone else
// gets 404, whether the group exists or not; members of a suspended group
// get 403.
func (s *Service) Resolve(c *fiber.Ctx) error {
	u := identity.UserOf(c)
	if u == nil {
		return errs.ErrUnauthenticated
	}
	t, err := s.Store.TenantBySlug(c.UserContext(), c.Params("slug"))
	if err != nil {
		return err
	}
	role, ok, err := s.Access.Role(u.ID, t.ID)
	if err != nil {
		return rolesUnavailable(err)
	}
	if !ok {
		return errs.ErrNotFound
	}
	httpx.SetLogTenant(c, t.Slug)
	if t.Status == StatusSuspended {
		p := httpx.NewProblem("forbidden", "this group is suspended; contact the platform operator")
		p.Code = "tenant_suspended"
		return &httpx.ProblemError{Problem: p}
	}
	c.Locals(localTenant, t)
	c.Locals(localRole, role)
	c.Locals(localService, s)
	return c.Next()
}

// Require answers 403 unless the caller's role in the resolved tenant
// grants p. Casbin decides, through the same Enforcer.Can as Can.
func (s *Service) Require(p access.Perm) fiber.Handler {
	return func(c *fiber.Ctx) error {
		ok, err := s.Access.Can(identity.UserOf(c).ID, TenantOf(c).ID, p)
		if err != nil {
			return rolesUnavailable(err)
		}
		if !ok {
			return errs.ErrForbidden
		}
		return c.Next()
	}
}

// Can reports whether the caller may do p in the resolved tenant. It is the
// check behind pages and buttons, asking casbin through Enforcer.Can like
// Require does for routes; false outside a tenant or when the roles cannot
// be read (logged).
func Can(c *fiber.Ctx, p access.Perm) bool {
	s, _ := c.Locals(localService).(*Service)
	t, u := TenantOf(c), identity.UserOf(c)
	if s == nil || t == nil || u == nil {
		return false
	}
	ok, err := s.Access.Can(u.ID, t.ID, p)
	if err != nil {
		s.Log.Error("permission not decidable", "error", err)
		return false
	}
	return ok
}

// rolesUnavailable answers 503 when the roles cannot be read (the database
// is down or slow): never a 404 or 403 that would tell a member she is not.
func rolesUnavailable(err error) error {
	return fmt.Errorf("%w: roles not readable: %w", fiber.ErrServiceUnavailable, err)
}

// TenantOf returns the tenant Resolve found.
func TenantOf(c *fiber.Ctx) *Tenant {
	t, _ := c.Locals(localTenant).(*Tenant)
	return t
}

// RoleOf returns the caller's role in the resolved tenant.
func RoleOf(c *fiber.Ctx) access.Role {
	r, _ := c.Locals(localRole).(access.Role)
	return r
}

// ScopeOf returns the tenant-scoped database handle for the request.
func (s *Service) ScopeOf(c *fiber.Ctx) db.Scope { return s.DB.Scope(TenantOf(c).ID) }

// ActorOf returns who acts in this request, for the audit log.
func ActorOf(c *fiber.Ctx) audit.Actor {
	a := audit.Actor{RequestID: httpx.RequestID(c)}
	if u := identity.UserOf(c); u != nil {
		a.UserID = u.ID
	}
	if sess := identity.SessionOf(c); sess != nil {
		a.SessionID = sess.ID
	}
	return a
}
