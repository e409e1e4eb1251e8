package registry

import (
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
