package tenancy

import (
	"context"
	"errors"
	"sort"

	"gorm.io/gorm"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/platform/httpx"
)

// TeamMember is one row of a group's team, read from its memberships and users.
type TeamMember struct {
	UserID string      `json:"user_id"`
	Name   string      `json:"name"`
	Email  string      `json:"email"`
	Role   access.Role `json:"role"`
}

// Team lists a group's members, owners first, then by name.
func (s *Service) Team(ctx context.Context, tenantID string) ([]TeamMember, error) {
	var members []access.Member
	err := s.DB.Scope(tenantID).Read(ctx, func(t *db.Tenant) error {
		var err error
		members, err = access.TeamOf(t)
		return err
	})
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(members))
	for i, m := range members {
		ids[i] = m.UserID
	}
	users, err := s.Identity.Store.Users(ctx, ids)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]identity.User, len(users))
	for _, u := range users {
		byID[u.ID] = u
	}
	out := make([]TeamMember, 0, len(members))
	for _, m := range members {
		u, ok := byID[m.UserID]
		if !ok {
			continue
		}
		out = append(out, TeamMember{UserID: u.ID, Name: u.Name, Email: u.Email, Role: m.Role})
	}
	rank := map[access.Role]int{}
	for i, r := range access.TenantRoles {
		rank[r] = i
	}
	sort.Slice(out, func(i, j int) bool {
		if rank[out[i].Role] != rank[out[j].Role] {
			return rank[out[i].Role] < rank[out[j].Role]
		}
		return out[i].Name < out[j].Name
	})
	return out, nil
}

// InviteInput is the body of POST …/team.
type InviteInput struct {
	Email string `json:"email" validate:"required,email,max=254"`
	Role  string `json:"role" validate:"required,oneof=owner admin treasurer facilitator viewer"`
}

// Invite creates an invitation and returns it with its one-time token.
// Only an owner may invite another owner.
func (s *Service) Invite(ctx context.Context, scope db.Scope, actor audit.Actor, actorRole access.Role, in InviteInput) (*Invitation, string, error) {
	if err := httpx.Validate(in); err != nil {
		return nil, "", err
	}
	if access.Role(in.Role) == access.Owner && actorRole != access.Owner {
		return nil, "", errs.ErrForbidden
	}
	email := identity.NormalizeEmail(in.Email)
	if u, err := s.Identity.Store.UserByEmail(ctx, email); err == nil {
		if _, member := s.Access.RoleIn(u.ID, scope.TenantID()); member {
			return nil, "", errs.Conflict("already_member", "this person is already in the team")
		}
	} else if !errors.Is(err, errs.ErrNotFound) {
		return nil, "", err
	}
	now := s.Now()
	token := invitationToken(scope.TenantID())
	inv := &Invitation{
		TenantID: scope.TenantID(), ID: db.NewID(), Email: email, Role: in.Role,
		TokenHash: identity.HashToken(token), InvitedBy: actor.UserID,
		ExpiresAt: now.Add(InvitationTTL), CreatedAt: now,
	}
	err := scope.Write(ctx, func(t *db.Tenant) error {
		if err := t.DB().Create(inv).Error; err != nil {
			return err
		}
		return audit.Record(t, actor, audit.Create, "invitation", inv.ID, "email", "role")
	})
	if err != nil {
		return nil, "", err
	}
	return inv, token, nil
}

// InvitationURL is the link an invitee opens.
func (s *Service) InvitationURL(token string) string { return s.BaseURL + "/invitations/" + token }

// AcceptInput is the body of POST /api/v1/invitations/{token}/accept.
type AcceptInput struct {
	Name     string `json:"name" validate:"max=120"`
	Password string `json:"password" validate:"required,max=1024"`
}

// Accept joins the invitee to the team. A new person gets an account with
// the name and password she chose; someone who already has an account
// proves it with her current password. The invitation works once.
//
// Everything after the password proof is one transaction with the team
// locked, as a sequence of checks each of which refuses the whole: the
// invitation is pending; whoever issued it still holds a role that may
// grant this role; the account is new or proven; the last owner does not
// lose ownership by it. Then the membership, the consumed invitation and
// the audit entry are written together.
func (s *Service) Accept(ctx context.Context, token string, in AcceptInput) (*identity.User, string, error) {
	tenantID, ok := tenantOfInvitation(token)
	if !ok || !db.ValidID(tenantID) {
		return nil, "", errs.ErrNotFound
	}
	if err := httpx.Validate(in); err != nil {
		return nil, "", err
	}
	scope := s.DB.Scope(tenantID)
	proven, err := s.proveInvitee(ctx, scope, token, in.Password)
	if err != nil {
		return nil, "", err
	}
	// A role granted by email reaches an existing account only once she has
	// verified that address.
	if err := identity.RequireVerified(proven); err != nil {
		return nil, "", err
	}
	var user *identity.User
	err = s.Access.ChangeTeam(ctx, scope, func(t *db.Tenant, team *access.Team) error {
		var inv Invitation
		err := t.DB().Where("tenant_id = ? AND token_hash = ? AND "+PendingWhere,
			tenantID, identity.HashToken(token), s.Now()).Take(&inv).Error
		if db.IsNotFound(err) {
			return errs.ErrNotFound
		}
		if err != nil {
			return err
		}
		role := access.Role(inv.Role)
		if inviterRole, ok := team.Role(inv.InvitedBy); !ok || !s.mayGrant(inviterRole, role) {
			return errInviterGone
		}
		if user, err = s.inviteeAccount(ctx, t.DB(), inv.Email, in, proven); err != nil {
			return err
		}
		// Checks on the account itself belong here, once it is known and
		// before anything is written.
		if current, ok := team.Role(user.ID); ok && current == access.Owner && role != access.Owner && team.Owners() == 1 {
			return errLastOwner
		}
		if err := team.Put(user.ID, role, inv.InvitedBy); err != nil {
			return err
		}
		res := t.DB().Model(&Invitation{}).Where("tenant_id = ? AND id = ? AND accepted_at IS NULL AND revoked_at IS NULL", tenantID, inv.ID).
			Updates(map[string]any{"accepted_at": s.Now(), "accepted_by": user.ID})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return errs.ErrNotFound
		}
		return audit.Record(t, audit.Actor{UserID: user.ID}, "accept", "invitation", inv.ID)
	})
	if err != nil {
		return nil, "", err
	}
	// A new membership ends reset links another group issued for her.
	if err := s.Identity.EndResetLinks(ctx, user.ID); err != nil {
		return nil, "", err
	}
	token, err = s.Identity.StartSession(ctx, user.ID)
	return user, token, err
}

// errInviterGone refuses an invitation whose issuer has since left the team
// or lost the right to grant its role.
var errInviterGone = errs.Conflict("invitation_withdrawn",
	"this invitation is no longer valid: whoever sent it can no longer grant this role")

func (s *Service) inviteeAccount(ctx context.Context, tx *gorm.DB, email string, in AcceptInput, proven *identity.User) (*identity.User, error) {
	u, err := s.Identity.Store.UserByEmail(ctx, email)
	if errors.Is(err, errs.ErrNotFound) {
		if in.Name == "" {
			return nil, errs.Invalid("name", "required", "is required")
		}
		return s.Identity.CreateUser(tx, identity.NewUser{Email: email, Name: in.Name, Password: in.Password})
	}
	if err != nil {
		return nil, err
	}
	// Her password was proven (throttled) before the transaction began; an
	// account that appeared since then has not proven anything.
	if proven == nil || proven.ID != u.ID {
		return nil, errs.Invalid("password", "current_password", "this email has an account: enter its current password")
	}
	return u, nil
}
