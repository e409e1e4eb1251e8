package programs

import (
	"context"
	"fmt"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/peduli/peduli/internal/provision"
)

// ApplyTemplates upserts the catalog from a tenants directory, writing only
// the versions that are missing or differ; applying the same directory twice
// writes nothing. Versions added through the API are left alone, and
// programs keep their own copy, so an upsert never changes a running program.
func (s *Service) ApplyTemplates(ctx context.Context, b *provision.Bundle) error {
	have, err := s.Store.Templates(ctx, true)
	if err != nil {
		return err
	}
	existing := make(map[string]Template, len(have))
	for _, t := range have {
		existing[versionID(t.Key, t.Version)] = t
	}
	return s.Store.db.GlobalTx(ctx, func(tx *gorm.DB) error {
		for _, pt := range b.Templates {
			want := fromProvision(pt)
			if old, ok := existing[versionID(want.Key, want.Version)]; ok && sameTemplate(old, want) {
				continue
			}
			want.CreatedAt = s.Now()
			err := tx.Clauses(clause.OnConflict{
				Columns: []clause.Column{{Name: "key"}, {Name: "version"}},
				DoUpdates: clause.AssignmentColumns([]string{"category", "kube", "graduation_periods", "name",
					"name_en", "description", "description_en", "activities", "indicators"}),
			}).Create(&want).Error
			if err != nil {
				return fmt.Errorf("template %s v%d: %w", want.Key, want.Version, err)
			}
		}
		return nil
	})
}

func versionID(key string, version int) string { return fmt.Sprintf("%s@%d", key, version) }

// fromProvision converts a declared template to its catalog row.
func fromProvision(t provision.Template) Template {
	acts := make([]ActivityKind, len(t.Activities))
	for i, a := range t.Activities {
		acts[i] = ActivityKind{Key: a.Key, Name: Text{ID: a.Name.ID, EN: a.Name.EN}}
	}
	inds := make([]Indicator, len(t.Indicators))
	for i, in := range t.Indicators {
		inds[i] = Indicator{Key: in.Key, Name: Text{ID: in.Name.ID, EN: in.Name.EN}, Unit: in.Unit,
			Direction: in.Direction, Income: in.Income, Decimals: in.Decimals}
	}
	return Template{
		Key: t.Key, Version: t.Version, Category: t.Category, KUBE: t.KUBE, GraduationPeriods: t.GraduationPeriods,
		Name: t.Name.ID, NameEN: t.Name.EN, Description: t.Description.ID, DescriptionEN: t.Description.EN,
		Activities: encodeList(acts), Indicators: encodeList(inds),
	}
}

func sameTemplate(a, b Template) bool {
	return a.Category == b.Category && a.KUBE == b.KUBE && a.GraduationPeriods == b.GraduationPeriods &&
		a.Name == b.Name && a.NameEN == b.NameEN && a.Description == b.Description &&
		a.DescriptionEN == b.DescriptionEN && a.Activities == b.Activities && a.Indicators == b.Indicators
}
