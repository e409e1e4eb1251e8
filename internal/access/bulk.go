package access

import (
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/peduli/peduli/internal/platform/db"
)

// Bulk writers for loaders (the development data generator) that add many
// role assignments at once. A running process sees them once its role
// cache forgets the domain (at the cache's TTL, or EvictAll).

// InsertMembers adds team members to t's group in multi-row statements,
// inside the group's own transaction (memberships is a tenant table).
// Each user gets exactly one tenant role; the group must not have them yet.
func InsertMembers(t *db.Tenant, members []Member, at time.Time) error {
	rows := make([]membershipRow, 0, len(members))
	for _, m := range members {
		if !ValidTenantRole(string(m.Role)) {
			return fmt.Errorf("access: %q is not a tenant role", m.Role)
		}
		rows = append(rows, membershipRow{TenantID: t.ID, UserID: m.UserID, Role: string(m.Role), CreatedAt: at})
	}
	if len(rows) == 0 {
		return nil
	}
	return t.DB().CreateInBatches(rows, 1000).Error
}

// InsertCoordinators makes each user a coordinator of the region code
// mapped to her, in one statement per batch.
func InsertCoordinators(tx *gorm.DB, regionOf map[string]string, at time.Time) error {
	rows := make([]map[string]any, 0, len(regionOf))
	for userID, code := range regionOf {
		rows = append(rows, map[string]any{"region_code": code, "user_id": userID, "created_at": at})
	}
	if len(rows) == 0 {
		return nil
	}
	return tx.Table("region_coordinators").CreateInBatches(rows, 1000).Error
}
