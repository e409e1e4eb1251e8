package access

import (
	"fmt"

	"gorm.io/gorm"
)

// Member is a user's role in one tenant.
type Member struct {
	UserID string
	Role   Role
}

// Membership is one tenant a user belongs to.
type Membership struct {
	TenantID string
	Role     Role
}

// Can reports whether userID may do p in tenantID.
func (en *Enforcer) Can(userID, tenantID string, p Perm) (bool, error) {
	return en.e.Enforce(userSub(userID), tenantDom(tenantID), p.Obj, p.Act)
}

// RoleIn returns the user's role in a tenant; ok is false for non-members.
func (en *Enforcer) RoleIn(userID, tenantID string) (Role, bool) {
	rows, _ := en.e.GetFilteredGroupingPolicy(0, userSub(userID), "", tenantDom(tenantID))
	if len(rows) == 0 {
		return "", false
	}
	return Role(rows[0][1]), true
}

// Members lists a tenant's team from casbin.
func (en *Enforcer) Members(tenantID string) []Member {
	rows, _ := en.e.GetFilteredGroupingPolicy(2, tenantDom(tenantID))
	out := make([]Member, 0, len(rows))
	for _, r := range rows {
		out = append(out, Member{UserID: userFromSub(r[0]), Role: Role(r[1])})
	}
	return out
}

// Memberships lists the tenants a user belongs to.
func (en *Enforcer) Memberships(userID string) []Membership {
	rows, _ := en.e.GetFilteredGroupingPolicy(0, userSub(userID))
	var out []Membership
	for _, r := range rows {
		if len(r) > 2 && len(r[2]) > 2 && r[2][:2] == "t:" {
			out = append(out, Membership{TenantID: tenantFromDom(r[2]), Role: Role(r[1])})
		}
	}
	return out
}

// SetRole gives userID exactly one role in tenantID, replacing any other.
func (en *Enforcer) SetRole(userID, tenantID string, role Role) error {
	if !ValidTenantRole(string(role)) {
		return fmt.Errorf("access: %q is not a tenant role", role)
	}
	if err := en.RemoveMember(userID, tenantID); err != nil {
		return err
	}
	_, err := en.e.AddGroupingPolicy(userSub(userID), string(role), tenantDom(tenantID))
	return en.changed(err)
}

// RemoveMember removes every role userID holds in tenantID.
func (en *Enforcer) RemoveMember(userID, tenantID string) error {
	_, err := en.e.RemoveFilteredGroupingPolicy(0, userSub(userID), "", tenantDom(tenantID))
	return en.changed(err)
}

// RemoveTenant removes every role anyone holds in tenantID.
func (en *Enforcer) RemoveTenant(tenantID string) error {
	_, err := en.e.RemoveFilteredGroupingPolicy(2, tenantDom(tenantID))
	return en.changed(err)
}

// IsPlatformAdmin reports whether userID runs the platform.
func (en *Enforcer) IsPlatformAdmin(userID string) bool {
	ok, _ := en.e.HasGroupingPolicy(userSub(userID), string(PlatformAdmin), platformDomain)
	return ok
}

// GrantPlatformAdmin makes userID a platform admin.
func (en *Enforcer) GrantPlatformAdmin(userID string) error {
	_, err := en.e.AddGroupingPolicy(userSub(userID), string(PlatformAdmin), platformDomain)
	return en.changed(err)
}

// AddCoordinator makes userID a coordinator of region code (and so of every
// region below it).
func (en *Enforcer) AddCoordinator(userID, code string) error {
	_, err := en.e.AddGroupingPolicy(userSub(userID), string(Coordinator), regionDom(code))
	return en.changed(err)
}

// RemoveCoordinator ends userID's coordination of region code.
func (en *Enforcer) RemoveCoordinator(userID, code string) error {
	_, err := en.e.RemoveGroupingPolicy(userSub(userID), string(Coordinator), regionDom(code))
	return en.changed(err)
}

// CoordinatedRegions lists the region codes userID coordinates directly.
func (en *Enforcer) CoordinatedRegions(userID string) []string {
	rows, _ := en.e.GetFilteredGroupingPolicy(0, userSub(userID), string(Coordinator))
	var out []string
	for _, r := range rows {
		out = append(out, regionFromDom(r[2]))
	}
	return out
}

// Coordinates reports whether userID coordinates any of the region codes
// (a region and its ancestors, as the caller lists them).
func (en *Enforcer) Coordinates(userID string, codes []string) bool {
	for _, code := range codes {
		if ok, _ := en.e.HasGroupingPolicy(userSub(userID), string(Coordinator), regionDom(code)); ok {
			return true
		}
	}
	return false
}

// changed announces a successful policy write to the other replicas and
// passes err through.
func (en *Enforcer) changed(err error) error {
	if err == nil {
		en.announce()
	}
	return err
}

// StoredTeam reads a tenant's roles from casbin_rule through q rather than
// from memory: under a lock that serialises team changes across replicas,
// it is the truth even when this replica has not yet reloaded another's
// change.
func StoredTeam(q *gorm.DB, tenantID string) (map[string]Role, error) {
	var rows []struct{ V0, V1 string }
	err := q.Table("casbin_rule").Select("v0, v1").Where("ptype = 'g' AND v2 = ?", tenantDom(tenantID)).Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	out := make(map[string]Role, len(rows))
	for _, r := range rows {
		out[userFromSub(r.V0)] = Role(r.V1)
	}
	return out, nil
}
