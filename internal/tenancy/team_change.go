package tenancy

import (
	"context"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
)

// RoleInput is the body of PATCH …/team/{user_id}.
type RoleInput struct {
	Role string `json:"role" validate:"required,oneof=owner admin treasurer facilitator viewer"`
}

var errLastOwner = errs.Conflict("last_owner", "a group must keep at least one owner")

// ChangeRole gives a member another role. Only owners grant or take away
// ownership, and the last owner cannot be demoted.
func (s *Service) ChangeRole(ctx context.Context, scope db.Scope, actor audit.Actor, actorRole access.Role, userID string, role access.Role) error {
	changed := false
	err := s.lockTeam(ctx, scope.TenantID(), func(team map[string]access.Role) error {
		current, ok := team[userID]
		if !ok {
			return errs.ErrNotFound
		}
		if (current == access.Owner || role == access.Owner) && actorRole != access.Owner {
			return errs.ErrForbidden
		}
		if current == role {
			return nil
		}
		if current == access.Owner && ownersIn(team) == 1 {
			return errLastOwner
		}
		changed = true
		return s.Access.SetRole(userID, scope.TenantID(), role)
	})
	if err != nil || !changed {
		return err
	}
	// A reset link issued for her role as it was must not outlive it.
	if err := s.Identity.EndResetLinks(ctx, userID); err != nil {
		return err
	}
	return scope.Write(ctx, func(t *db.Tenant) error {
		return audit.Record(t, actor, audit.Update, "team_member", userID, "role")
	})
}

// RemoveMember takes someone off the team. The last owner cannot leave.
func (s *Service) RemoveMember(ctx context.Context, scope db.Scope, actor audit.Actor, actorRole access.Role, userID string) error {
	err := s.lockTeam(ctx, scope.TenantID(), func(team map[string]access.Role) error {
		current, ok := team[userID]
		if !ok {
			return errs.ErrNotFound
		}
		if current == access.Owner && actorRole != access.Owner {
			return errs.ErrForbidden
		}
		if current == access.Owner && ownersIn(team) == 1 {
			return errLastOwner
		}
		return s.Access.RemoveMember(userID, scope.TenantID())
	})
	if err != nil {
		return err
	}
	if err := s.Identity.EndResetLinks(ctx, userID); err != nil {
		return err
	}
	return scope.Write(ctx, func(t *db.Tenant) error {
		return audit.Record(t, actor, audit.Delete, "team_member", userID)
	})
}
