package access

import (
	"strings"

	"gorm.io/gorm"
)

// Grant is one role a user holds: in a tenant (TenantID set), over a region
// (Region set) or on the platform (neither set).
type Grant struct {
	Role     Role
	TenantID string
	Region   string
}

// StoredGrants lists every role userID holds, read through q (a
// transaction, usually) from the stored rules rather than from memory, so a
// rule checked with it holds even when this replica has not yet reloaded
// another's change.
func StoredGrants(q *gorm.DB, userID string) ([]Grant, error) {
	var rows []struct{ V1, V2 string }
	err := q.Table("casbin_rule").Select("v1, v2").Where("ptype = 'g' AND v0 = ?", userSub(userID)).Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	out := make([]Grant, 0, len(rows))
	for _, r := range rows {
		g := Grant{Role: Role(r.V1)}
		switch {
		case strings.HasPrefix(r.V2, "t:"):
			g.TenantID = tenantFromDom(r.V2)
		case strings.HasPrefix(r.V2, "r:"):
			g.Region = regionFromDom(r.V2)
		}
		out = append(out, g)
	}
	return out, nil
}
