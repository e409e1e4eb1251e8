package access

import (
	"context"
	"errors"
	"time"

	"github.com/peduli/peduli/internal/platform/db"
)

// Team is a group's team as stored, read inside the transaction that
// changes it, after that transaction took the group's team lock.
type Team struct {
	t       *db.Tenant
	roles   map[string]Role
	changed bool
}

// ChangeTeam runs fn in one transaction of scope's tenant with the team
// locked by the group lock the enforcer was built with (tenancy's
// LockGroupForTeamChange, which owns the groups' table). fn writes its audit entry and whatever else
// the change consumes on the same transaction. A change is announced to the
// other replicas when it commits and forgotten here at once.
func (en *Enforcer) ChangeTeam(ctx context.Context, scope db.Scope, fn func(t *db.Tenant, team *Team) error) error {
	var changed bool
	err := scope.Write(ctx, func(t *db.Tenant) error {
		team, err := en.lockTeam(t)
		if err != nil {
			return err
		}
		if err := fn(t, team); err != nil {
			return err
		}
		changed = team.changed
		if changed {
			return en.announce(t.DB(), tenantDom(t.ID))
		}
		return nil
	})
	if err != nil {
		return err
	}
	if changed {
		en.Evict(tenantDom(scope.TenantID()))
	}
	return nil
}

// lockTeam takes the team lock of t's tenant and reads its team.
func (en *Enforcer) lockTeam(t *db.Tenant) (*Team, error) {
	if en.lockGroup == nil {
		return nil, errors.New("access: no group lock for team changes")
	}
	if err := en.lockGroup(t); err != nil {
		return nil, err
	}
	members, err := TeamOf(t)
	if err != nil {
		return nil, err
	}
	team := &Team{t: t, roles: make(map[string]Role, len(members))}
	for _, m := range members {
		team.roles[m.UserID] = m.Role
	}
	return team, nil
}

// Role returns userID's role in the team.
func (tm *Team) Role(userID string) (Role, bool) {
	r, ok := tm.roles[userID]
	return r, ok
}

// Owners counts the team's owners.
func (tm *Team) Owners() int {
	n := 0
	for _, r := range tm.roles {
		if r == Owner {
			n++
		}
	}
	return n
}

// Put gives userID role in the team (adding her if she is not a member).
// invitedBy names who invited her, for a new member.
func (tm *Team) Put(userID string, role Role, invitedBy string) error {
	if cur, ok := tm.roles[userID]; ok {
		if cur == role {
			return nil
		}
		if err := tm.t.DB().Model(&membershipRow{}).Where("tenant_id = ? AND user_id = ?", tm.t.ID, userID).
			Update("role", string(role)).Error; err != nil {
			return err
		}
	} else {
		row := membershipRow{TenantID: tm.t.ID, UserID: userID, Role: string(role), InvitedBy: nullable(invitedBy),
			CreatedAt: time.Now().UTC()}
		if err := tm.t.DB().Create(&row).Error; err != nil {
			return err
		}
	}
	tm.roles[userID] = role
	tm.changed = true
	return nil
}

// Remove takes userID off the team.
func (tm *Team) Remove(userID string) error {
	if _, ok := tm.roles[userID]; !ok {
		return nil
	}
	if err := tm.t.DB().Where("tenant_id = ? AND user_id = ?", tm.t.ID, userID).Delete(&membershipRow{}).Error; err != nil {
		return err
	}
	delete(tm.roles, userID)
	tm.changed = true
	return nil
}
