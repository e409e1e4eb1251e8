package regions

import (
	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/regions"
	"github.com/peduli/peduli/internal/tenancy"
	"github.com/peduli/peduli/internal/web"
)

// GroupPage is a group's card for its coordinator.
type GroupPage struct {
	Region *tenancy.Region
	// Profile is what the group says of itself, for the coordinator to
	// check before deciding.
	Profile      tenancy.Profile
	Card         Card
	Verification *regions.Verification
	Action       string
}

// groupFor resolves :slug among the region's groups as they are now.
func (h *Handlers) groupFor(c *fiber.Ctx) (*tenancy.Region, *tenancy.Tenant, error) {
	r, err := h.regionFor(c)
	if err != nil {
		return nil, nil, err
	}
	t, err := h.Regions.Tenancy.TenantBySlug(c.UserContext(), c.Params("slug"))
	if err != nil {
		return nil, nil, err
	}
	if !regions.Below(t.RegionCode, r.Code) {
		return nil, nil, errs.ErrNotFound
	}
	return r, t, nil
}

func (h *Handlers) groupPage(c *fiber.Ctx, r *tenancy.Region, t *tenancy.Tenant) (*GroupPage, error) {
	g, err := h.Regions.Group(c.UserContext(), t.RegionCode, t.Slug)
	if err != nil {
		return nil, err
	}
	v, err := h.Regions.Verification(c.UserContext(), t)
	if err != nil {
		return nil, err
	}
	page := &GroupPage{Region: r, Profile: tenancy.ProfileOf(t), Verification: v, Action: c.Path() + "/verification"}
	if c.Route().Method == fiber.MethodPost {
		page.Action = c.Path()
	}
	page.Card = card(h.Pages.Localizer(c), r.Code, *g)
	return page, nil
}

// Group shows one group's figures and verification
// (GET /regions/{code}/groups/{slug}).
func (h *Handlers) Group(c *fiber.Ctx) error {
	r, t, err := h.groupFor(c)
	if err != nil {
		return err
	}
	page, err := h.groupPage(c, r, t)
	if err != nil {
		return err
	}
	return h.Pages.RenderForm(c, fiber.StatusOK, "regions/group", web.NewForm("decision", regions.DecisionVerify), page)
}

// Decide records a verification decision from the form
// (POST /regions/{code}/groups/{slug}/verification). Only a coordinator of
// the group decides, as in the API: a platform admin who is not one gets 403.
func (h *Handlers) Decide(c *fiber.Ctx) error {
	r, t, err := h.groupFor(c)
	if err != nil {
		return err
	}
	u := identityOf(c)
	if !h.Regions.CoordinatesGroup(u, t) {
		return errs.ErrForbidden
	}
	f := web.ParseForm(c, "decision", "note")
	in := regions.VerificationInput{Decision: f.Get("decision"), Note: f.Get("note")}
	saved, err := f.Submit(func() error {
		_, err := h.Regions.Decide(c.UserContext(), tenancy.ActorOf(c), t, in)
		return err
	}, nil, nil)
	if err != nil {
		return err
	}
	if saved {
		return h.Pages.Redirect(c, "/regions/"+r.Code+"/groups/"+t.Slug, "regions.decided."+in.Decision)
	}
	page, err := h.groupPage(c, r, t)
	if err != nil {
		return err
	}
	return h.Pages.RenderForm(c, fiber.StatusUnprocessableEntity, "regions/group", f, page)
}
