package audit

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/peduli/peduli/internal/platform/db"
)

// Change marks a group whose data changed at At and whose figures derived
// elsewhere (the coordinators' rollup) are therefore out of date.
type Change struct {
	TenantID  string    `gorm:"column:tenant_id;primaryKey"`
	ChangedAt time.Time `gorm:"column:changed_at"`
	Seq       int64     `gorm:"column:seq;default:1"`
}

// TableName is group_changes.
func (Change) TableName() string { return "group_changes" }

// markChanged records, in the write's own transaction, that the group
// changed. Reads that are audited (ReadPersonal) change nothing.
func markChanged(t *db.Tenant, at time.Time) error {
	return t.DB().Clauses(clause.OnConflict{
		Columns: []clause.Column{{Name: "tenant_id"}},
		DoUpdates: clause.Assignments(map[string]any{
			"changed_at": gorm.Expr("excluded.changed_at"),
			"seq":        gorm.Expr("group_changes.seq + 1"),
		}),
	}).Create(&Change{TenantID: t.ID, ChangedAt: at, Seq: 1}).Error
}

// Changed returns up to limit marked groups, the longest waiting first.
func Changed(ctx context.Context, d *db.DB, limit int) ([]Change, error) {
	var out []Change
	err := d.Global(ctx).Order("changed_at, tenant_id").Limit(limit).Find(&out).Error
	return out, err
}

// Settle removes c's mark unless the group changed again after it was read.
func Settle(ctx context.Context, d *db.DB, c Change) error {
	return d.Global(ctx).Where("tenant_id = ? AND seq = ?", c.TenantID, c.Seq).Delete(&Change{}).Error
}

// LastChange is the time of t's latest audited write, nil when none.
func LastChange(t *db.Tenant) (*time.Time, error) {
	var at []time.Time
	err := t.DB().Table("audit_events").Where("tenant_id = ?", t.ID).
		Order("created_at DESC").Limit(1).Pluck("created_at", &at).Error
	if err != nil {
		return nil, fmt.Errorf("audit: last change: %w", err)
	}
	if len(at) == 0 {
		return nil, nil
	}
	return &at[0], nil
}
