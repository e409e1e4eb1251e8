package tenancy

import (
	"context"
	"strings"
	"time"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
)

// Invitation asks someone to join a group's team with a role. Its token is
// shared as a link (often by WhatsApp); only the token's hash is stored.
// It is pending until accepted, revoked or expired.
type Invitation struct {
	TenantID   string     `gorm:"primaryKey" json:"-"`
	ID         string     `gorm:"primaryKey" json:"id"`
	Email      string     `json:"email"`
	Role       string     `json:"role"`
	TokenHash  string     `json:"-"`
	InvitedBy  string     `json:"-"`
	ExpiresAt  time.Time  `json:"expires_at"`
	AcceptedAt *time.Time `json:"accepted_at,omitempty"`
	AcceptedBy *string    `json:"-"`
	RevokedAt  *time.Time `json:"-"`
	RevokedBy  *string    `json:"-"`
	CreatedAt  time.Time  `json:"created_at"`
}

// invitationToken makes a token that names its tenant, so accepting it can
// open that tenant's scope (row-level security hides invitations otherwise).
func invitationToken(tenantID string) string {
	return identity.NewToken("pdi_" + strings.ReplaceAll(tenantID, "-", "") + ".")
}

// tenantOfInvitation reads the tenant id back out of a token.
func tenantOfInvitation(token string) (string, bool) {
	rest, ok := strings.CutPrefix(token, "pdi_")
	if !ok {
		return "", false
	}
	hexID, _, ok := strings.Cut(rest, ".")
	if !ok || len(hexID) != 32 {
		return "", false
	}
	id := hexID[0:8] + "-" + hexID[8:12] + "-" + hexID[12:16] + "-" + hexID[16:20] + "-" + hexID[20:32]
	return id, db.ValidID(id)
}

// PendingWhere selects an invitation that can still be accepted.
const PendingWhere = "accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?"

// PendingInvitation is an invitation not yet accepted, revoked or expired,
// as the team page and API list it.
type PendingInvitation struct {
	ID        string      `json:"id"`
	Email     string      `json:"email"`
	Role      access.Role `json:"role"`
	InvitedBy Inviter     `json:"invited_by"`
	ExpiresAt time.Time   `json:"expires_at"`
	CreatedAt time.Time   `json:"created_at"`
}

// Inviter names who issued an invitation.
type Inviter struct {
	UserID string `json:"user_id"`
	Name   string `json:"name"`
}

// PendingInvitations lists a group's pending invitations, newest first.
func (s *Service) PendingInvitations(ctx context.Context, scope db.Scope) ([]PendingInvitation, error) {
	var rows []Invitation
	err := scope.Read(ctx, func(t *db.Tenant) error {
		return t.DB().Where("tenant_id = ? AND "+PendingWhere, t.ID, s.Now()).
			Order("created_at DESC, id").Find(&rows).Error
	})
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(rows))
	for _, r := range rows {
		ids = append(ids, r.InvitedBy)
	}
	users, err := s.Identity.Store.Users(ctx, ids)
	if err != nil {
		return nil, err
	}
	names := make(map[string]string, len(users))
	for _, u := range users {
		names[u.ID] = u.Name
	}
	out := make([]PendingInvitation, len(rows))
	for i, r := range rows {
		out[i] = PendingInvitation{ID: r.ID, Email: r.Email, Role: access.Role(r.Role),
			InvitedBy: Inviter{UserID: r.InvitedBy, Name: names[r.InvitedBy]}, ExpiresAt: r.ExpiresAt, CreatedAt: r.CreatedAt}
	}
	return out, nil
}

// RevokeInvitation withdraws a pending invitation, in one transaction with
// its audit entry: its link stops working at once. Only an owner revokes an
// invitation to become owner; 404 when no such invitation is pending.
func (s *Service) RevokeInvitation(ctx context.Context, scope db.Scope, actor audit.Actor, actorRole access.Role, id string) error {
	if !db.ValidID(id) {
		return errs.ErrNotFound
	}
	return scope.Write(ctx, func(t *db.Tenant) error {
		var inv Invitation
		err := t.DB().Where("tenant_id = ? AND id = ? AND "+PendingWhere, t.ID, id, s.Now()).Take(&inv).Error
		if db.IsNotFound(err) {
			return errs.ErrNotFound
		}
		if err != nil {
			return err
		}
		if access.Role(inv.Role) == access.Owner && actorRole != access.Owner {
			return errs.ErrForbidden
		}
		res := t.DB().Model(&Invitation{}).Where("tenant_id = ? AND id = ? AND revoked_at IS NULL AND accepted_at IS NULL", t.ID, id).
			Updates(map[string]any{"revoked_at": s.Now(), "revoked_by": actor.UserID})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return errs.ErrNotFound
		}
		return audit.Record(t, actor, "revoke", "invitation", id)
	})
}

// revokeIssuedBy revokes, inside t, every pending invitation userID issued:
// she was removed or demoted, and what she offered goes with her role.
func (s *Service) revokeIssuedBy(t *db.Tenant, actor audit.Actor, userID string) error {
	var ids []string
	if err := t.DB().Model(&Invitation{}).Where("tenant_id = ? AND invited_by = ? AND accepted_at IS NULL AND revoked_at IS NULL",
		t.ID, userID).Pluck("id", &ids).Error; err != nil {
		return err
	}
	if len(ids) == 0 {
		return nil
	}
	if err := t.DB().Model(&Invitation{}).Where("tenant_id = ? AND id IN ?", t.ID, ids).
		Updates(map[string]any{"revoked_at": s.Now(), "revoked_by": nullableID(actor.UserID)}).Error; err != nil {
		return err
	}
	for _, id := range ids {
		if err := audit.Record(t, actor, "revoke", "invitation", id); err != nil {
			return err
		}
	}
	return nil
}

// mayGrant reports whether a member with role r may give role target:
// she may change the team, and only an owner makes an owner. casbin
// decides the first part.
func (s *Service) mayGrant(r, target access.Role) bool {
	if target == access.Owner && r != access.Owner {
		return false
	}
	return s.Access.RoleMay(r, access.TeamWrite)
}

func nullableID(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
