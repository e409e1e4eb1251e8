package enterprises

import (
	"context"
	"fmt"

	"gorm.io/gorm/clause"

	"github.com/peduli/peduli/internal/provision"
)

// ApplyKinds upserts the provisioned enterprise kinds. Kinds no longer in
// the file stay: enterprises already recorded keep their kind.
func (s *Service) ApplyKinds(ctx context.Context, b *provision.Bundle) error {
	for _, k := range b.EnterpriseKinds {
		row := Kind{Key: k.Key, NameID: k.Name.ID, NameEN: k.Name.EN}
		if err := s.DB.Global(ctx).Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "key"}},
			DoUpdates: clause.AssignmentColumns([]string{"name_id", "name_en"})}).Create(&row).Error; err != nil {
			return fmt.Errorf("enterprise kind %s: %w", k.Key, err)
		}
	}
	return nil
}

// Kinds lists every enterprise kind by key.
func (s *Service) Kinds(ctx context.Context) ([]KindView, error) {
	var rows []Kind
	if err := s.DB.Global(ctx).Order("key").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]KindView, len(rows))
	for i, k := range rows {
		out[i] = KindView{Key: k.Key, Name: Text{ID: k.NameID, EN: k.NameEN}}
	}
	return out, nil
}
