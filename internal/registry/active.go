package registry

import (
	"gorm.io/gorm"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
)

// Active answers other features inside their tenant transaction: nil when
// id is a beneficiary of the tenant that has not been deleted, else
// errs.ErrNotFound. It reads no personal field and is not audited.
func Active(t *db.Tenant, id string) error {
	if !db.ValidID(id) {
		return errs.ErrNotFound
	}
	var n int64
	err := t.DB().Model(&Beneficiary{}).Where("tenant_id = ? AND id = ? AND deleted_at IS NULL", t.ID, id).Count(&n).Error
	if err == nil && n == 0 {
		return errs.ErrNotFound
	}
	return err
}

// ActiveRows is a subquery of t's beneficiaries that are not deleted, with
// the only columns other features may join on: tenant_id, id, name and
// kk_index (the family card's blind index). Programs joins its
// enrollments with it to list and count members in one query, without
// naming the registry's table.
func ActiveRows(t *db.Tenant) *gorm.DB {
	return t.DB().Model(&Beneficiary{}).Select("tenant_id, id, name, kk_index").
		Where("tenant_id = ? AND deleted_at IS NULL", t.ID)
}
