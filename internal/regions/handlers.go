package regions

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/platform/httpx"
	"github.com/peduli/peduli/internal/tenancy"
)

// Handlers serves the coordinator, verification and platform-admin routes.
type Handlers struct {
	Service *Service
}

// AddCoordinator assigns a coordinator (POST /admin/regions/{code}/coordinators).
func (h *Handlers) AddCoordinator(c *fiber.Ctx) error {
	var in CoordinatorInput
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	co, err := h.Service.AddCoordinator(c.UserContext(), c.Params("code"), in)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(fiber.Map{"coordinator": co})
}

// Coordinators lists a region's coordinators (GET /admin/regions/{code}/coordinators).
func (h *Handlers) Coordinators(c *fiber.Ctx) error {
	items, err := h.Service.Coordinators(c.UserContext(), c.Params("code"))
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"items": items})
}

// RemoveCoordinator ends a coordination (DELETE /admin/regions/{code}/coordinators/{user_id}).
func (h *Handlers) RemoveCoordinator(c *fiber.Ctx) error {
	userID := c.Params("user_id")
	if !db.ValidID(userID) {
		return errs.ErrNotFound
	}
	if err := h.Service.RemoveCoordinator(c.UserContext(), c.Params("code"), userID); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// ChangeTenant moves, suspends or reinstates a group (PATCH /admin/tenants/{slug}).
func (h *Handlers) ChangeTenant(c *fiber.Ctx) error {
	var in TenantChange
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	t, err := h.Service.ChangeTenant(c.UserContext(), tenancy.ActorOf(c), c.Params("slug"), in)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"tenant": t.View()})
}

// Groups lists a region's groups with their figures (GET /regions/{code}/groups).
func (h *Handlers) Groups(c *fiber.Ctx) error {
	r := RegionOf(c)
	q := GroupQuery{Sort: c.Query("sort"), Cursor: c.Query("cursor")}
	if s := c.Query("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			return errs.Invalid("limit", "range", "must be between 1 and 200")
		}
		q.Limit = n
	}
	page, err := h.Service.GroupsPage(c.UserContext(), r.Code, q)
	if err != nil {
		return err
	}
	out := fiber.Map{"region": r, "items": page.Items, "next_cursor": page.NextCursor, "suppression": suppressionNote()}
	if q.Cursor == "" {
		// The region's monthly chart comes with the first page only.
		months, err := h.Service.RegionMonths(c.UserContext(), r.Code)
		if err != nil {
			return err
		}
		out["months"] = months
	}
	return c.JSON(out)
}

// suppressionNote tells API readers how counts were published.
func suppressionNote() fiber.Map {
	return fiber.Map{"min_cell": MinCell, "rounding": 5, "suppressed_as": Suppressed}
}

// groupForReview resolves /t/:slug for the decision route, which
// coordinators use without being on the group's team. It returns the group
// and whether the caller coordinates it; anyone neither on its team nor a
// coordinator of it gets 404.
func (h *Handlers) groupForReview(c *fiber.Ctx) (*tenancy.Tenant, bool, error) {
	u := identity.UserOf(c)
	if u == nil {
		return nil, false, errs.ErrUnauthenticated
	}
	t, err := h.Service.Tenancy.TenantBySlug(c.UserContext(), c.Params("slug"))
	if err != nil {
		return nil, false, err
	}
	_, member := h.Service.Access.RoleIn(u.ID, t.ID)
	coordinator := h.Service.CoordinatesGroup(u.ID, t)
	if !member && !coordinator {
		return nil, false, errs.ErrNotFound
	}
	httpx.SetLogTenant(c, t.Slug)
	return t, coordinator, nil
}

// Verification shows the group's verification state, note and history to
// its team (GET /t/{slug}/verification, in the workspace). Coordinators see
// the state in their region's list and in the answer to their decision.
func (h *Handlers) Verification(c *fiber.Ctx) error {
	v, err := h.Service.Verification(c.UserContext(), tenancy.TenantOf(c))
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"verification": v})
}

// RequestReview is the group asking for review again after a request for
// changes (POST /t/{slug}/verification/review).
func (h *Handlers) RequestReview(c *fiber.Ctx) error {
	v, err := h.Service.RequestReview(c.UserContext(), tenancy.ActorOf(c), tenancy.TenantOf(c))
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"verification": v})
}

// Decide records a coordinator's decision (POST /t/{slug}/verification);
// the group's own team may not verify itself (403).
func (h *Handlers) Decide(c *fiber.Ctx) error {
	t, coordinator, err := h.groupForReview(c)
	if err != nil {
		return err
	}
	if !coordinator {
		return errs.ErrForbidden
	}
	var in VerificationInput
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	v, err := h.Service.Decide(c.UserContext(), tenancy.ActorOf(c), t, in)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"verification": v})
}
