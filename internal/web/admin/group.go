package admin

import (
	"errors"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/funds"
	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/regions"
	"github.com/peduli/peduli/internal/tenancy"
	"github.com/peduli/peduli/internal/web"
)

// GroupPage is one group as the admin manages it: where it sits in the
// region tree and which host receives its gifts.
type GroupPage struct {
	Group   *tenancy.Tenant
	Region  *tenancy.Region
	Host    *funds.Host
	Hosts   []funds.Host
	Regions []tenancy.Region
	// Attached says the group names its host; otherwise Host is the default.
	Attached bool
	// Place is the group's village, district and regency, as far as known.
	Place string
	// Form says which of the page's two forms Form belongs to.
	Form string
}

func (h *Handlers) groupPage(c *fiber.Ctx, form string) (*GroupPage, error) {
	ctx := c.UserContext()
	t, err := h.Tenancy.Store.TenantBySlug(ctx, c.Params("slug"))
	if err != nil {
		return nil, err
	}
	page := &GroupPage{Group: t, Form: form}
	var place []string
	for _, p := range []string{t.Village, t.District, t.Regency} {
		if p != "" {
			place = append(place, p)
		}
	}
	page.Place = strings.Join(place, ", ")
	if page.Region, err = h.Tenancy.Store.Region(ctx, t.RegionCode); err != nil && !errors.Is(err, errs.ErrNotFound) {
		return nil, err
	}
	if page.Host, err = h.Funds.HostOf(ctx, t.ID); err != nil {
		return nil, err
	}
	attached, err := h.Funds.AttachedHosts(ctx, []string{t.ID})
	if err != nil {
		return nil, err
	}
	_, page.Attached = attached[t.ID]
	if page.Hosts, err = h.Funds.Hosts(ctx); err != nil {
		return nil, err
	}
	if page.Regions, err = h.Tenancy.Store.Regions(ctx); err != nil {
		return nil, err
	}
	return page, nil
}

// Group shows a group's region and host with the forms that change them
// (GET /admin/groups/{slug}).
func (h *Handlers) Group(c *fiber.Ctx) error {
	page, err := h.groupPage(c, "")
	if err != nil {
		return err
	}
	return h.Pages.RenderForm(c, fiber.StatusOK, "admin/group", nil, page)
}

// AttachHost points the group's online gifts at a host
// (POST /admin/groups/{slug}/host), as POST /api/v1/admin/hosts/{key}/groups does.
func (h *Handlers) AttachHost(c *fiber.Ctx) error {
	f := web.ParseForm(c, "host")
	slug := c.Params("slug")
	_, err := h.Funds.AttachGroup(c.UserContext(), identity.UserOf(c).ID, f.Get("host"), funds.AttachInput{Slug: slug})
	switch {
	case err == nil:
		return h.Pages.Redirect(c, "/admin/groups/"+slug, "admin.host_attached")
	case errors.Is(err, errs.ErrNotFound):
		// The host chosen is not (or no longer) registered.
		f.Invalid("host", "oneof")
	case !f.Fail(err, nil):
		return err
	}
	return h.again(c, "host", f)
}

// Move puts the group under another region node
// (POST /admin/groups/{slug}/region), as PATCH /api/v1/admin/tenants/{slug} does.
func (h *Handlers) Move(c *fiber.Ctx) error {
	f := web.ParseForm(c, "region_code")
	code := f.Get("region_code")
	in := regions.TenantChange{RegionCode: &code}
	slug := c.Params("slug")
	_, err := h.Regions.ChangeTenant(c.UserContext(), tenancy.ActorOf(c), slug, in)
	if err == nil {
		return h.Pages.Redirect(c, "/admin/groups/"+slug, "admin.moved")
	}
	if !f.Fail(err, nil) {
		return err
	}
	return h.again(c, "region", f)
}

// again shows the group page with form's errors and values kept.
func (h *Handlers) again(c *fiber.Ctx, which string, f *web.Form) error {
	page, err := h.groupPage(c, which)
	if err != nil {
		return err
	}
	return h.Pages.RenderForm(c, fiber.StatusUnprocessableEntity, "admin/group", f, page)
}
