package tenancy

import (
	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/platform/httpx"
)

// Handlers serves sign-up, the caller's profile, the tenant and its team.
type Handlers struct {
	Service *Service
	Auth    *identity.Handlers
}

// TenantView is a tenant as API answers show it.
type TenantView struct {
	ID         string `json:"id"`
	Slug       string `json:"slug"`
	Name       string `json:"name"`
	Status     string `json:"status"`
	Verified   bool   `json:"verified"`
	RegionCode string `json:"region_code"`
	Village    string `json:"village,omitempty"`
	District   string `json:"district,omitempty"`
	Regency    string `json:"regency,omitempty"`
	Province   string `json:"province,omitempty"`
}

// View returns the tenant as API answers show it.
func (t *Tenant) View() TenantView {
	return TenantView{ID: t.ID, Slug: t.Slug, Name: t.Name, Status: t.Status, Verified: t.Verified,
		RegionCode: t.RegionCode, Village: t.Village, District: t.District, Regency: t.Regency, Province: t.Province}
}

// Signup creates a group and its owner (POST /api/v1/signup).
func (h *Handlers) Signup(c *fiber.Ctx) error {
	var in SignupInput
	if err := httpx.Decode(c, &in); err != nil {
		return err
	}
	t, u, token, err := h.Service.Signup(c.UserContext(), in)
	if err != nil {
		return err
	}
	h.Auth.SetSessionCookie(c, token)
	return c.Status(fiber.StatusCreated).JSON(fiber.Map{"tenant": t.View(), "user": u.Public(), "token": token})
}

// Me describes the caller: her account, groups, regions and platform role.
func (h *Handlers) Me(c *fiber.Ctx) error {
	u := identity.UserOf(c)
	members, err := h.Service.Access.MembershipsOf(c.UserContext(), u.ID)
	if err != nil {
		return rolesUnavailable(err)
	}
	ids := make([]string, len(members))
	roles := make(map[string]access.Role, len(members))
	for i, m := range members {
		ids[i], roles[m.TenantID] = m.TenantID, m.Role
	}
	tenants, err := h.Service.Store.Tenants(c.UserContext(), ids)
	if err != nil {
		return err
	}
	memberships := make([]fiber.Map, 0, len(tenants))
	for _, t := range tenants {
		memberships = append(memberships, fiber.Map{"tenant": t.View(), "role": roles[t.ID]})
	}
	regions := []fiber.Map{}
	for _, code := range h.Service.Access.CoordinatedRegions(u.ID) {
		regions = append(regions, fiber.Map{"code": code, "role": access.Coordinator})
	}
	return c.JSON(fiber.Map{"user": u.Public(), "memberships": memberships, "regions": regions,
		"platform_admin": h.Service.Access.IsPlatformAdmin(u.ID)})
}

// Tenant answers the resolved tenant (GET /api/v1/t/{slug}).
func (h *Handlers) Tenant(c *fiber.Ctx) error {
	return c.JSON(fiber.Map{"tenant": TenantOf(c).View(), "role": RoleOf(c)})
}

// Regions answers the region tree (public: sign-up needs it).
func (h *Handlers) Regions(c *fiber.Ctx) error {
	regions, err := h.Service.Store.Regions(c.UserContext())
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "public, max-age=300")
	return c.JSON(fiber.Map{"items": regions})
}

// Team lists the team (GET …/team).
func (h *Handlers) Team(c *fiber.Ctx) error {
	items, err := h.Service.Team(c.UserContext(), TenantOf(c).ID)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"items": items})
}

// Invite invites someone by email with a role (POST …/team).
func (h *Handlers) Invite(c *fiber.Ctx) error {
	var in InviteInput
	if err := httpx.Decode(c, &in); err != nil {
		return err
	}
	inv, token, err := h.Service.Invite(c.UserContext(), h.Service.ScopeOf(c), ActorOf(c), RoleOf(c), in)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(fiber.Map{"invitation": fiber.Map{
		"id": inv.ID, "email": inv.Email, "role": inv.Role, "url": h.Service.InvitationURL(token),
		"token": token, "expires_at": inv.ExpiresAt,
	}})
}

// Accept accepts an invitation (POST /api/v1/invitations/{token}/accept).
func (h *Handlers) Accept(c *fiber.Ctx) error {
	var in AcceptInput
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	u, token, err := h.Service.Accept(c.UserContext(), c.Params("token"), in)
	if err != nil {
		return err
	}
	h.Auth.SetSessionCookie(c, token)
	return c.Status(fiber.StatusCreated).JSON(fiber.Map{"user": u.Public(), "token": token})
}

// ChangeRole changes a member's role (PATCH …/team/{user_id}).
func (h *Handlers) ChangeRole(c *fiber.Ctx) error {
	userID := c.Params("user_id")
	if !db.ValidID(userID) {
		return errs.ErrNotFound
	}
	var in RoleInput
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	if err := h.Service.ChangeRole(c.UserContext(), h.Service.ScopeOf(c), ActorOf(c), RoleOf(c), userID, access.Role(in.Role)); err != nil {
		return err
	}
	return h.Team(c)
}

// RemoveMember takes a member off the team (DELETE …/team/{user_id}).
func (h *Handlers) RemoveMember(c *fiber.Ctx) error {
	userID := c.Params("user_id")
	if !db.ValidID(userID) {
		return errs.ErrNotFound
	}
	if err := h.Service.RemoveMember(c.UserContext(), h.Service.ScopeOf(c), ActorOf(c), RoleOf(c), userID); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// Invitations lists the pending invitations (GET …/invitations).
func (h *Handlers) Invitations(c *fiber.Ctx) error {
	items, err := h.Service.PendingInvitations(c.UserContext(), h.Service.ScopeOf(c))
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"items": items})
}

// RevokeInvitation revokes a pending invitation (DELETE …/invitations/{id}).
func (h *Handlers) RevokeInvitation(c *fiber.Ctx) error {
	if err := h.Service.RevokeInvitation(c.UserContext(), h.Service.ScopeOf(c), ActorOf(c), RoleOf(c), c.Params("id")); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}
