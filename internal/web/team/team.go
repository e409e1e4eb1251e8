// Package team serves a group's team page: the members and their roles,
// invitations shareable by WhatsApp, and password links for members who
// cannot use email.
package team

import (
	"net/url"

	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/tenancy"
	"github.com/peduli/peduli/internal/web"
)

// Handlers serves the team pages.
type Handlers struct {
	Pages   *web.Pages
	Tenancy *tenancy.Service
	Resets  *identity.Resets
}

// teamPage is what the team page shows.
type teamPage struct {
	Members []tenancy.TeamMember
	// Pending lists the invitations not yet accepted, for those who may
	// change the team.
	Pending []tenancy.PendingInvitation
	Roles   []access.Role
	// Link is set right after an invitation or a password link was made:
	// the only time its token is shown.
	Link *shareLink
}

// shareLink is a one-time link ready to copy or send by WhatsApp.
type shareLink struct {
	Kind     string // "invite" or "reset"
	Who      string // the email or name it is for
	URL      string
	WhatsApp string
}

func (h *Handlers) path(c *fiber.Ctx) string { return "/t/" + tenancy.TenantOf(c).Slug + "/team" }

// Team lists the members (GET /t/{slug}/team).
func (h *Handlers) Team(c *fiber.Ctx) error {
	return h.show(c, fiber.StatusOK, web.NewForm("role", string(access.Facilitator)), nil)
}

func (h *Handlers) show(c *fiber.Ctx, status int, f *web.Form, link *shareLink) error {
	members, err := h.Tenancy.Team(c.UserContext(), tenancy.TenantOf(c).ID)
	if err != nil {
		return err
	}
	var pending []tenancy.PendingInvitation
	if tenancy.Can(c, access.TeamWrite) {
		if pending, err = h.Tenancy.PendingInvitations(c.UserContext(), h.Tenancy.ScopeOf(c)); err != nil {
			return err
		}
	}
	roles := access.TenantRoles
	if tenancy.RoleOf(c) != access.Owner {
		roles = roles[1:] // only owners make owners
	}
	return h.Pages.RenderForm(c, status, "team/team", f, teamPage{Members: members, Pending: pending, Roles: roles, Link: link})
}

// whatsApp builds a wa.me link that opens WhatsApp with text ready to send
// to a chosen contact.
func whatsApp(text string) string { return "https://wa.me/?text=" + url.QueryEscape(text) }
