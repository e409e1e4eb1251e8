package access

import (
	"fmt"

	"gorm.io/gorm"
)

// Grant is one role a user holds: in a tenant (TenantID set), over a region
// (Region set) or on the platform (neither set).
type Grant struct {
	Role     Role
	TenantID string
	Region   string
}

// StoredGrants lists every role userID holds, read through q (the
// transaction that relies on it) from the tables rather than from the
// cache, so a rule checked with it holds even when this replica has not yet
// heard of another's change. On PostgreSQL it binds q to the person, which
// row-level security lets read her own memberships in every group.
func StoredGrants(q *gorm.DB, userID string) ([]Grant, error) {
	if err := bind(q, "app.user_id", userID); err != nil {
		return nil, err
	}
	var ms []membershipRow
	if err := q.Where("user_id = ?", userID).Find(&ms).Error; err != nil {
		return nil, fmt.Errorf("access: memberships of a user: %w", err)
	}
	var regions []string
	if err := q.Table("region_coordinators").Where("user_id = ?", userID).Pluck("region_code", &regions).Error; err != nil {
		return nil, fmt.Errorf("access: regions of a user: %w", err)
	}
	var admin int64
	if err := q.Table("platform_admins").Where("user_id = ?", userID).Count(&admin).Error; err != nil {
		return nil, fmt.Errorf("access: platform role of a user: %w", err)
	}
	out := make([]Grant, 0, len(ms)+len(regions)+1)
	for _, m := range ms {
		out = append(out, Grant{Role: Role(m.Role), TenantID: m.TenantID})
	}
	for _, code := range regions {
		out = append(out, Grant{Role: Coordinator, Region: code})
	}
	if admin > 0 {
		out = append(out, Grant{Role: PlatformAdmin})
	}
	return out, nil
}

// StoredTeam reads a tenant's roles through q from the memberships table
// rather than from the cache. On PostgreSQL it binds q to the tenant.
func StoredTeam(q *gorm.DB, tenantID string) (map[string]Role, error) {
	if err := bind(q, "app.tenant_id", tenantID); err != nil {
		return nil, err
	}
	var rows []membershipRow
	if err := q.Where("tenant_id = ?", tenantID).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("access: team of a group: %w", err)
	}
	out := make(map[string]Role, len(rows))
	for _, r := range rows {
		out[r.UserID] = Role(r.Role)
	}
	return out, nil
}

// bind sets a row-level security setting for the rest of q's transaction
// on PostgreSQL; SQLite has no policies to satisfy.
func bind(q *gorm.DB, setting, value string) error {
	if q.Dialector.Name() != "postgres" {
		return nil
	}
	if err := q.Exec("SELECT set_config(?, ?, true)", setting, value).Error; err != nil {
		return fmt.Errorf("access: bind %s: %w", setting, err)
	}
	return nil
}
