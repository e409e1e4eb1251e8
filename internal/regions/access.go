package regions

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/tenancy"
)

const localRegion = "regions.region"

// RequireRegion resolves /regions/:code for someone who oversees it. Anyone
// else gets 404, whether the region exists or not.
func (s *Service) RequireRegion(c *fiber.Ctx) error {
	u := identity.UserOf(c)
	if u == nil {
		return errs.ErrUnauthenticated
	}
	code := c.Params("code")
	if !s.Oversees(u.ID, code) {
		return errs.ErrNotFound
	}
	r, err := s.Tenancy.Region(c.UserContext(), code)
	if err != nil {
		return err
	}
	c.Locals(localRegion, r)
	return c.Next()
}

// RegionOf returns the region RequireRegion resolved.
func RegionOf(c *fiber.Ctx) *tenancy.Region {
	r, _ := c.Locals(localRegion).(*tenancy.Region)
	return r
}

// CoordinatorGate wraps a group's workspace (/t/:slug/…): a coordinator
// who oversees the group but is not on its team gets 403 for any write
// instead of the workspace's 404 — she knows the group exists, yet may not
// change anything in it. Reads stay 404 like for anyone off the team, and
// a coordinator of another region gets 404 for everything.
func (s *Service) CoordinatorGate(c *fiber.Ctx) error {
	err := c.Next()
	if !errors.Is(err, errs.ErrNotFound) || c.Method() == fiber.MethodGet || c.Method() == fiber.MethodHead {
		return err
	}
	u := identity.UserOf(c)
	if u == nil {
		return err
	}
	t, terr := s.Tenancy.TenantBySlug(c.UserContext(), c.Params("slug"))
	if terr != nil {
		return err
	}
	if _, member := s.Access.RoleIn(u.ID, t.ID); member {
		return err
	}
	if s.CoordinatesGroup(u.ID, t) {
		return errs.ErrForbidden
	}
	return err
}
