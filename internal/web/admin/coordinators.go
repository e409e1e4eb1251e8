package admin

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/regions"
	"github.com/peduli/peduli/internal/tenancy"
	"github.com/peduli/peduli/internal/web"
)

// CoordinatorsPage lists who coordinates which region, with the form to
// assign one.
type CoordinatorsPage struct {
	Coordinators []CoordinatorRow
	Regions      []tenancy.Region
}

// CoordinatorRow is one coordinator of one region.
type CoordinatorRow struct {
	regions.Coordinator
	RegionName string
}

// Coordinators lists the coordinators by region (GET /admin/coordinators).
func (h *Handlers) Coordinators(c *fiber.Ctx) error {
	return h.coordinators(c, fiber.StatusOK, nil)
}

func (h *Handlers) coordinators(c *fiber.Ctx, status int, f *web.Form) error {
	ctx := c.UserContext()
	all, err := h.Regions.AllCoordinators(ctx)
	if err != nil {
		return err
	}
	tree, err := h.Tenancy.Store.Regions(ctx)
	if err != nil {
		return err
	}
	names := make(map[string]string, len(tree))
	for _, r := range tree {
		names[r.Code] = r.Name
	}
	page := CoordinatorsPage{Regions: tree}
	for _, co := range all {
		page.Coordinators = append(page.Coordinators, CoordinatorRow{Coordinator: co, RegionName: names[co.RegionCode]})
	}
	return h.Pages.RenderForm(c, status, "admin/coordinators", f, page)
}

// AddCoordinator assigns the account with the email to the region
// (POST /admin/coordinators), as POST /api/v1/admin/regions/{code}/coordinators does.
func (h *Handlers) AddCoordinator(c *fiber.Ctx) error {
	f := web.ParseForm(c, "email", "region_code")
	in := regions.CoordinatorInput{Email: f.Get("email")}
	_, err := h.Regions.AddCoordinator(c.UserContext(), f.Get("region_code"), in)
	if err == nil {
		return h.Pages.Redirect(c, "/admin/coordinators", "admin.coordinator_added")
	}
	if errors.Is(err, errs.ErrNotFound) {
		// The region chosen is not in the tree.
		f.Invalid("region_code", "region")
	} else if !f.Fail(err, map[string]string{"already_coordinator": "email", "email_unverified": "email"}) {
		return err
	}
	return h.coordinators(c, fiber.StatusUnprocessableEntity, f)
}

// RemoveCoordinator ends a coordination
// (POST /admin/coordinators/{code}/{user_id}/remove), as
// DELETE /api/v1/admin/regions/{code}/coordinators/{user_id} does.
func (h *Handlers) RemoveCoordinator(c *fiber.Ctx) error {
	if err := h.Regions.RemoveCoordinator(c.UserContext(), c.Params("code"), c.Params("user_id")); err != nil {
		return err
	}
	return h.Pages.Redirect(c, "/admin/coordinators", "admin.coordinator_removed")
}
