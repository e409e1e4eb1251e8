// Package public serves the pages anyone may open without an account.
package public

import (
	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/tenancy"
	"github.com/peduli/peduli/internal/web"
)

// Handlers serves the public pages.
type Handlers struct {
	Pages   *web.Pages
	Tenancy *tenancy.Service
}

// landing is what the landing page shows: a signed-in person's groups, and
// to everyone the verified groups to give to, found by place.
type landing struct {
	Groups   []tenancy.Tenant
	Verified []tenancy.Tenant
	Place    string
}

// Landing explains Peduli to a village group and to a donor (GET /).
// The platform admin and a coordinator who belongs to no group go to
// their own pages instead.
func (h *Handlers) Landing(c *fiber.Ctx) error {
	if u := identity.UserOf(c); u != nil {
		if desk := web.DeskOf(c.UserContext(), h.Tenancy, u.ID); desk != "" {
			return c.Redirect(desk, fiber.StatusSeeOther)
		}
	}
	d := landing{Place: c.Query("q")}
	if r := []rune(d.Place); len(r) > 100 {
		d.Place = string(r[:100])
	}
	verified, err := h.Tenancy.VerifiedGroups(c.UserContext(), d.Place)
	if err != nil {
		return err
	}
	d.Verified = verified
	if u := identity.UserOf(c); u != nil {
		ms := h.Tenancy.Access.Memberships(u.ID)
		ids := make([]string, len(ms))
		for i, m := range ms {
			ids[i] = m.TenantID
		}
		ts, err := h.Tenancy.Store.Tenants(c.UserContext(), ids)
		if err != nil {
			return err
		}
		d.Groups = ts
	}
	return h.Pages.Render(c, "public/landing", d)
}
