package tenancy

import (
	"context"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
)

// RoleInput is the body of PATCH …/team/{user_id}.
type RoleInput struct {
	Role string `json:"role" validate:"required,oneof=owner admin treasurer facilitator viewer"`
}

var errLastOwner = errs.Conflict("last_owner", "a group must keep at least one owner")

// rank orders tenant roles, strongest first.
func rank(r access.Role) int {
	for i, t := range access.TenantRoles {
		if t == r {
			return i
		}
	}
	return len(access.TenantRoles)
}

// ChangeRole gives a member another role, in one transaction with its audit
// entry. Only owners grant or take away ownership, and the last owner
// cannot be demoted; a member who is demoted loses the invitations she
// issued that are still pending.
func (s *Service) ChangeRole(ctx context.Context, scope db.Scope, actor audit.Actor, actorRole access.Role, userID string, role access.Role) error {
	return s.Access.ChangeTeam(ctx, scope, func(t *db.Tenant, team *access.Team) error {
		current, ok := team.Role(userID)
		if !ok {
			return errs.ErrNotFound
		}
		if (current == access.Owner || role == access.Owner) && actorRole != access.Owner {
			return errs.ErrForbidden
		}
		if current == role {
			return nil
		}
		if current == access.Owner && team.Owners() == 1 {
			return errLastOwner
		}
		if err := team.Put(userID, role, ""); err != nil {
			return err
		}
		// A reset link issued for her role as it was must not outlive it.
		if err := identity.EndResetLinksIn(t.DB(), userID, s.Now()); err != nil {
			return err
		}
		if rank(role) > rank(current) {
			if err := s.revokeIssuedBy(t, actor, userID); err != nil {
				return err
			}
		}
		return audit.Record(t, actor, audit.Update, "team_member", userID, "role")
	})
}

// RemoveMember takes someone off the team, in one transaction with its
// audit entry and the revocation of the invitations she issued. The last
// owner cannot leave.
func (s *Service) RemoveMember(ctx context.Context, scope db.Scope, actor audit.Actor, actorRole access.Role, userID string) error {
	return s.Access.ChangeTeam(ctx, scope, func(t *db.Tenant, team *access.Team) error {
		current, ok := team.Role(userID)
		if !ok {
			return errs.ErrNotFound
		}
		if current == access.Owner && actorRole != access.Owner {
			return errs.ErrForbidden
		}
		if current == access.Owner && team.Owners() == 1 {
			return errLastOwner
		}
		if err := team.Remove(userID); err != nil {
			return err
		}
		if err := identity.EndResetLinksIn(t.DB(), userID, s.Now()); err != nil {
			return err
		}
		if err := s.revokeIssuedBy(t, actor, userID); err != nil {
			return err
		}
		return audit.Record(t, actor, audit.Delete, "team_member", userID)
	})
}
