package registry

import (
	"context"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/platform/db"
)

// Delete soft-deletes a beneficiary: she leaves every list, her NIK may be
// registered again, and her row stays for the history that refers to it.
// Erase is what destroys personal data.
func (s *Service) Delete(ctx context.Context, scope db.Scope, actor audit.Actor, id string) error {
	return scope.Write(ctx, func(t *db.Tenant) error {
		b, err := loadForUpdate(t, id)
		if err != nil {
			return err
		}
		now := s.Now()
		if err := t.DB().Model(&Beneficiary{}).Where("tenant_id = ? AND id = ?", t.ID, b.ID).
			Updates(map[string]any{"deleted_at": now, "updated_at": now}).Error; err != nil {
			return err
		}
		return audit.Record(t, actor, audit.Delete, EntityBeneficiary, b.ID)
	})
}
