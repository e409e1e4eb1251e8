package access

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/peduli/peduli/internal/platform/db"
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

// membershipRow is a row of memberships, a tenant table.
type membershipRow struct {
	TenantID  string `gorm:"primaryKey"`
	UserID    string `gorm:"primaryKey"`
	Role      string
	InvitedBy *string
	CreatedAt time.Time
}

func (membershipRow) TableName() string { return "memberships" }

// readTimeout bounds the reads behind the helpers that keep no context.
const readTimeout = 5 * time.Second

// loadDomain reads one domain's role assignments for the role cache.
func (en *Enforcer) loadDomain(ctx context.Context, domain string) (map[string]Role, error) {
	ctx, cancel := context.WithTimeout(ctx, readTimeout)
	defer cancel()
	out := map[string]Role{}
	switch {
	case strings.HasPrefix(domain, "t:"):
		id := tenantFromDom(domain)
		if !db.ValidID(id) {
			return out, nil
		}
		var rows []struct{ UserID, Role string }
		err := en.db.Scope(id).Read(ctx, func(t *db.Tenant) error {
			return t.DB().Table("memberships").Select("user_id, role").Where("tenant_id = ?", id).Scan(&rows).Error
		})
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			out[r.UserID] = Role(r.Role)
		}
	case strings.HasPrefix(domain, "r:"):
		var ids []string
		if err := en.db.Global(ctx).Table("region_coordinators").Where("region_code = ?", regionFromDom(domain)).
			Pluck("user_id", &ids).Error; err != nil {
			return nil, err
		}
		for _, id := range ids {
			out[id] = Coordinator
		}
	case domain == platformDomain:
		var ids []string
		if err := en.db.Global(ctx).Table("platform_admins").Pluck("user_id", &ids).Error; err != nil {
			return nil, err
		}
		for _, id := range ids {
			out[id] = PlatformAdmin
		}
	}
	return out, nil
}

// Can reports whether userID may do p in tenantID. casbin decides, from
// the shared permissions and the user's role there; every route, page and
// button asks through here.
func (en *Enforcer) Can(userID, tenantID string, p Perm) (bool, error) {
	return en.enforce(userID, tenantDom(tenantID), p)
}

// RoleIn returns the user's role in a tenant; ok is false for non-members
// (and when the roles cannot be read, which is logged).
func (en *Enforcer) RoleIn(userID, tenantID string) (Role, bool) {
	return en.roleIn(userID, tenantDom(tenantID))
}

func (en *Enforcer) roleIn(userID, domain string) (Role, bool) {
	r, ok, err := en.role(userID, domain)
	if err != nil {
		en.log.Error("roles not readable", "domain", domain, "error", err)
	}
	return r, ok
}

// Role returns the user's role in a tenant; ok is false for non-members,
// and err says the roles could not be read.
func (en *Enforcer) Role(userID, tenantID string) (Role, bool, error) {
	return en.role(userID, tenantDom(tenantID))
}

func (en *Enforcer) role(userID, domain string) (Role, bool, error) {
	ent, loaded, err := en.rm.entry(context.Background(), domain)
	if err != nil {
		return "", false, err
	}
	if loaded {
		en.resetMatcher()
	}
	r, ok := ent.roles[userID]
	return r, ok, nil
}

// RoleMay reports whether role grants p in a group, as casbin decides it;
// for listing what a role may do (tests, help pages), not for checking a
// person (use Can).
func (en *Enforcer) RoleMay(role Role, p Perm) bool {
	ok, err := en.e.Enforce(string(role), "t:", p.Obj, p.Act)
	return err == nil && ok
}

// Members lists a tenant's team as stored.
func (en *Enforcer) Members(tenantID string) []Member {
	ctx, cancel := context.WithTimeout(context.Background(), readTimeout)
	defer cancel()
	var out []Member
	err := en.db.Scope(tenantID).Read(ctx, func(t *db.Tenant) error {
		var err error
		out, err = TeamOf(t)
		return err
	})
	if err != nil {
		en.log.Error("team not readable", "error", err)
	}
	return out
}

// TeamOf lists the team of t's tenant inside its transaction.
func TeamOf(t *db.Tenant) ([]Member, error) {
	var rows []membershipRow
	if err := t.DB().Where("tenant_id = ?", t.ID).Order("user_id").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]Member, len(rows))
	for i, r := range rows {
		out[i] = Member{UserID: r.UserID, Role: Role(r.Role)}
	}
	return out, nil
}

// MembershipsOf lists the tenants a user belongs to. On PostgreSQL the
// read is bound to the person (app.user_id), which row-level security lets
// see her own memberships across groups and nothing else.
func (en *Enforcer) MembershipsOf(ctx context.Context, userID string) ([]Membership, error) {
	var rows []membershipRow
	err := en.db.GlobalTx(ctx, func(tx *gorm.DB) error {
		if en.db.Dialect == db.Postgres {
			if err := tx.Exec("SELECT set_config('app.user_id', ?, true)", userID).Error; err != nil {
				return err
			}
		}
		return tx.Where("user_id = ?", userID).Order("created_at, tenant_id").Find(&rows).Error
	})
	if err != nil {
		return nil, err
	}
	out := make([]Membership, len(rows))
	for i, r := range rows {
		out[i] = Membership{TenantID: r.TenantID, Role: Role(r.Role)}
	}
	return out, nil
}

// Memberships lists the tenants a user belongs to; an unreadable list is
// logged and empty.
func (en *Enforcer) Memberships(userID string) []Membership {
	ctx, cancel := context.WithTimeout(context.Background(), readTimeout)
	defer cancel()
	out, err := en.MembershipsOf(ctx, userID)
	if err != nil {
		en.log.Error("memberships not readable", "error", err)
	}
	return out
}

// SetRole gives userID exactly one role in tenantID, replacing any other,
// in a transaction of its own (provisioning, demo data and tests; team
// changes by people go through ChangeTeam with their audit entry).
func (en *Enforcer) SetRole(userID, tenantID string, role Role) error {
	if !ValidTenantRole(string(role)) {
		return fmt.Errorf("access: %q is not a tenant role", role)
	}
	return en.ChangeTeam(context.Background(), en.db.Scope(tenantID), func(_ *db.Tenant, team *Team) error {
		return team.Put(userID, role, "")
	})
}

// RemoveMember removes userID from tenantID's team in a transaction of its
// own (see SetRole).
func (en *Enforcer) RemoveMember(userID, tenantID string) error {
	return en.ChangeTeam(context.Background(), en.db.Scope(tenantID), func(_ *db.Tenant, team *Team) error {
		return team.Remove(userID)
	})
}

// IsPlatformAdmin reports whether userID runs the platform; casbin decides.
func (en *Enforcer) IsPlatformAdmin(userID string) bool {
	ok, err := en.enforce(userID, platformDomain, Perm{"*", "*"})
	if err != nil {
		en.log.Error("platform roles not readable", "error", err)
	}
	return err == nil && ok
}

// GrantPlatformAdmin makes userID a platform admin.
func (en *Enforcer) GrantPlatformAdmin(userID string) error {
	return en.GrantPlatformAdminBy(context.Background(), userID, "")
}

// GrantPlatformAdminBy makes userID a platform admin, recording who granted
// it (empty for the command line). Every replica enforces it within a
// second; this process at once.
func (en *Enforcer) GrantPlatformAdminBy(ctx context.Context, userID, by string) error {
	return en.changeGlobal(ctx, platformDomain, func(tx *gorm.DB) error {
		return grantPlatformAdmin(tx, userID, by)
	})
}

// ChangePlatformAdmins runs fn in one transaction in which grant makes a
// user a platform admin, such as creating an account and its role
// together; the change is announced and enforced like GrantPlatformAdminBy.
func (en *Enforcer) ChangePlatformAdmins(ctx context.Context, fn func(tx *gorm.DB, grant func(userID string) error) error) error {
	return en.changeGlobal(ctx, platformDomain, func(tx *gorm.DB) error {
		return fn(tx, func(userID string) error { return grantPlatformAdmin(tx, userID, "") })
	})
}

func grantPlatformAdmin(tx *gorm.DB, userID, by string) error {
	return tx.Exec(`INSERT INTO platform_admins (user_id, granted_by, created_at) VALUES (?, ?, ?)
		ON CONFLICT (user_id) DO NOTHING`, userID, nullable(by), time.Now().UTC()).Error
}

// RevokePlatformAdmin ends userID's platform role.
func (en *Enforcer) RevokePlatformAdmin(ctx context.Context, userID string) error {
	return en.changeGlobal(ctx, platformDomain, func(tx *gorm.DB) error {
		return tx.Exec("DELETE FROM platform_admins WHERE user_id = ?", userID).Error
	})
}

// AddCoordinator makes userID a coordinator of region code (and so of every
// region below it).
func (en *Enforcer) AddCoordinator(userID, code string) error {
	return en.AddCoordinatorBy(context.Background(), userID, code, "")
}

// AddCoordinatorBy makes userID a coordinator of region code, recording who
// assigned her.
func (en *Enforcer) AddCoordinatorBy(ctx context.Context, userID, code, by string) error {
	return en.changeGlobal(ctx, regionDom(code), func(tx *gorm.DB) error {
		return tx.Exec(`INSERT INTO region_coordinators (region_code, user_id, assigned_by, created_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (region_code, user_id) DO NOTHING`, code, userID, nullable(by), time.Now().UTC()).Error
	})
}

// RemoveCoordinator ends userID's coordination of region code.
func (en *Enforcer) RemoveCoordinator(userID, code string) error {
	return en.changeGlobal(context.Background(), regionDom(code), func(tx *gorm.DB) error {
		return tx.Exec("DELETE FROM region_coordinators WHERE region_code = ? AND user_id = ?", code, userID).Error
	})
}

// CoordinatedRegions lists the region codes userID coordinates directly.
func (en *Enforcer) CoordinatedRegions(userID string) []string {
	ctx, cancel := context.WithTimeout(context.Background(), readTimeout)
	defer cancel()
	var out []string
	if err := en.db.Global(ctx).Table("region_coordinators").Where("user_id = ?", userID).Order("region_code").
		Pluck("region_code", &out).Error; err != nil {
		en.log.Error("coordinated regions not readable", "error", err)
	}
	return out
}

// CoordinatorsOf lists the users who coordinate region code directly.
func (en *Enforcer) CoordinatorsOf(ctx context.Context, code string) ([]string, error) {
	var out []string
	err := en.db.Global(ctx).Table("region_coordinators").Where("region_code = ?", code).Order("user_id").
		Pluck("user_id", &out).Error
	return out, err
}

// CoordinatorGrant is one person's coordination of one region.
type CoordinatorGrant struct {
	RegionCode string
	UserID     string
}

// CoordinatorGrants lists every coordinator of every region, by region.
func (en *Enforcer) CoordinatorGrants(ctx context.Context) ([]CoordinatorGrant, error) {
	var out []CoordinatorGrant
	err := en.db.Global(ctx).Table("region_coordinators").Select("region_code, user_id").
		Order("region_code, user_id").Scan(&out).Error
	return out, err
}

// Coordinates reports whether userID coordinates any of the region codes
// (a region and its ancestors, as the caller lists them).
func (en *Enforcer) Coordinates(userID string, codes []string) bool {
	for _, code := range codes {
		if r, ok := en.roleIn(userID, regionDom(code)); ok && r == Coordinator {
			return true
		}
	}
	return false
}

// changeGlobal runs fn in a transaction that changes the roles of one
// region or of the platform, announces the domain to the other replicas on
// commit, and forgets it here once committed.
func (en *Enforcer) changeGlobal(ctx context.Context, domain string, fn func(tx *gorm.DB) error) error {
	err := en.db.GlobalTx(ctx, func(tx *gorm.DB) error {
		if err := fn(tx); err != nil {
			return err
		}
		return en.announce(tx, domain)
	})
	if err != nil {
		return err
	}
	en.Evict(domain)
	return nil
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// RolesElsewhere reports whether userID holds any role outside tenantID: in
// another group, a region or the platform. It reads the tables, not the
// cache, and an error is an error (callers refuse rather than assume not).
func (en *Enforcer) RolesElsewhere(ctx context.Context, userID, tenantID string) (bool, error) {
	ms, err := en.MembershipsOf(ctx, userID)
	if err != nil {
		return false, err
	}
	for _, m := range ms {
		if m.TenantID != tenantID {
			return true, nil
		}
	}
	var n int64
	if err := en.db.Global(ctx).Table("region_coordinators").Where("user_id = ?", userID).Count(&n).Error; err != nil {
		return false, err
	}
	if n > 0 {
		return true, nil
	}
	if err := en.db.Global(ctx).Table("platform_admins").Where("user_id = ?", userID).Count(&n).Error; err != nil {
		return false, err
	}
	return n > 0, nil
}
