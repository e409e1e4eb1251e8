// Package admin serves the platform admin's pages under /admin: every
// group with its region and donation host, the hosts, and who coordinates
// which region. Each change goes through the service the admin API calls
// (funds for hosts, regions for coordinators and moves), so the pages and
// the API keep one set of rules.
package admin

import (
	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/funds"
	"github.com/peduli/peduli/internal/regions"
	"github.com/peduli/peduli/internal/tenancy"
	"github.com/peduli/peduli/internal/web"
)

// Handlers serves the platform admin's pages. The route table puts
// identity.RequirePlatformAdmin in front of every one of them.
type Handlers struct {
	Pages   *web.Pages
	Tenancy *tenancy.Service
	Regions *regions.Service
	Funds   *funds.Service
}

// GroupRow is one group in the admin's list.
type GroupRow struct {
	tenancy.Tenant
	// Host names the host receiving the group's online gifts; ByDefault
	// says it is the default host because none was attached.
	Host      string
	ByDefault bool
}

// GroupsPage is the admin's home: the groups, found by name or place.
type GroupsPage struct {
	Place   string
	Groups  []GroupRow
	Limited bool
}

// Groups lists every group with its region, state and host (GET /admin).
func (h *Handlers) Groups(c *fiber.Ctx) error {
	ctx := c.UserContext()
	page := GroupsPage{Place: c.Query("q")}
	if r := []rune(page.Place); len(r) > 100 {
		page.Place = string(r[:100])
	}
	groups, err := h.Tenancy.AllGroups(ctx, page.Place)
	if err != nil {
		return err
	}
	hosts, err := h.Funds.Hosts(ctx)
	if err != nil {
		return err
	}
	ids := make([]string, len(groups))
	for i, g := range groups {
		ids[i] = g.ID
	}
	attached, err := h.Funds.AttachedHosts(ctx, ids)
	if err != nil {
		return err
	}
	names := map[string]string{}
	fallback := ""
	for _, host := range hosts {
		names[host.Key] = host.Name
		if host.IsDefault {
			fallback = host.Name
		}
	}
	for _, g := range groups {
		row := GroupRow{Tenant: g}
		if key, ok := attached[g.ID]; ok {
			row.Host = names[key]
		} else {
			row.Host, row.ByDefault = fallback, fallback != ""
		}
		page.Groups = append(page.Groups, row)
	}
	page.Limited = len(groups) == tenancy.AllGroupsLimit
	return h.Pages.Render(c, "admin/groups", page)
}
