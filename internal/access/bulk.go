package access

import (
	"fmt"

	"gorm.io/gorm"
)

// Assignment is one role held by a user in a tenant or a region, for bulk
// loaders (the development data generator) that add many at once.
type Assignment struct {
	UserID string
	Role   Role
	// TenantID is set for a tenant role; Region for a coordinator.
	TenantID string
	Region   string
}

// InsertAssignments stores role assignments in one multi-row statement per
// batch, where SetRole and AddCoordinator store them one by one. Running
// enforcers see them at their next reload.
func InsertAssignments(tx *gorm.DB, as []Assignment) error {
	rows := make([]map[string]any, 0, len(as))
	for _, a := range as {
		dom := ""
		switch {
		case a.TenantID != "" && ValidTenantRole(string(a.Role)):
			dom = tenantDom(a.TenantID)
		case a.Region != "" && a.Role == Coordinator:
			dom = regionDom(a.Region)
		default:
			return fmt.Errorf("access: %q in tenant %q / region %q is not an assignment", a.Role, a.TenantID, a.Region)
		}
		rows = append(rows, map[string]any{"ptype": "g", "v0": userSub(a.UserID), "v1": string(a.Role), "v2": dom})
	}
	if len(rows) == 0 {
		return nil
	}
	return tx.Table("casbin_rule").CreateInBatches(rows, 1000).Error
}
