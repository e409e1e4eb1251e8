package tenancy

import (
	"context"
	"errors"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/provision"
)

// ApplyRegions upserts the region tree and minimum wages, writing only rows
// that differ.
func (s *Service) ApplyRegions(ctx context.Context, b *provision.Bundle) error {
	have, err := s.Store.Regions(ctx)
	if err != nil {
		return err
	}
	existing := make(map[string]Region, len(have))
	for _, r := range have {
		existing[r.Code] = r
	}
	var wages []RegionWage
	if err := s.DB.Global(ctx).Find(&wages).Error; err != nil {
		return err
	}
	wageOf := make(map[[2]any]int64, len(wages))
	for _, w := range wages {
		wageOf[[2]any{w.RegionCode, w.Year}] = w.Amount
	}
	return s.DB.GlobalTx(ctx, func(tx *gorm.DB) error {
		for _, r := range b.Regions {
			want := Region{Code: r.Code, Name: r.Name, Level: r.Level()}
			if p := r.Parent(); p != "" {
				want.ParentCode = &p
			}
			if old, ok := existing[r.Code]; ok && sameRegion(old, want) {
				continue
			}
			if err := tx.Clauses(clause.OnConflict{UpdateAll: true}).Create(&want).Error; err != nil {
				return err
			}
		}
		for _, r := range b.Regions {
			for _, w := range r.Wages {
				if amount, ok := wageOf[[2]any{r.Code, w.Year}]; ok && amount == w.Amount {
					continue
				}
				row := RegionWage{RegionCode: r.Code, Year: w.Year, Amount: w.Amount}
				if err := tx.Clauses(clause.OnConflict{UpdateAll: true}).Create(&row).Error; err != nil {
					return err
				}
			}
		}
		return nil
	})
}

func sameRegion(a, b Region) bool {
	pa, pb := "", ""
	if a.ParentCode != nil {
		pa = *a.ParentCode
	}
	if b.ParentCode != nil {
		pb = *b.ParentCode
	}
	return a.Name == b.Name && a.Level == b.Level && pa == pb
}

// ApplyGroups creates the declared groups or brings their profile in line
// with the file. Teams are not declared: they come from sign-up, invitations
// and the first-run demo. The file's verified flag only seeds a new group:
// afterwards verification belongs to the region's coordinators, and a
// restart must not undo their decision.
func (s *Service) ApplyGroups(ctx context.Context, b *provision.Bundle) error {
	for _, g := range b.Groups {
		want := Tenant{
			Slug: g.Slug, Name: g.Name, Status: StatusActive, Verified: g.Verified, RegionCode: g.RegionCode,
			Village: g.Village, District: g.District, Regency: g.Regency, Province: g.Province,
			Story: g.Story.ID, StoryEN: g.Story.EN,
		}
		old, err := s.Store.TenantBySlug(ctx, g.Slug)
		switch {
		case err == nil:
			if sameProfile(*old, want) {
				continue
			}
			err = s.DB.Global(ctx).Model(&Tenant{}).Where("id = ?", old.ID).Updates(map[string]any{
				"name": want.Name, "region_code": want.RegionCode,
				"village": want.Village, "district": want.District, "regency": want.Regency,
				"province": want.Province, "story": want.Story, "story_en": want.StoryEN, "updated_at": s.Now(),
			}).Error
		case errors.Is(err, errs.ErrNotFound):
			now := s.Now()
			want.ID, want.CreatedAt, want.UpdatedAt = db.NewID(), now, now
			err = s.DB.Global(ctx).Create(&want).Error
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func sameProfile(a, b Tenant) bool {
	return a.Name == b.Name && a.RegionCode == b.RegionCode &&
		a.Village == b.Village && a.District == b.District && a.Regency == b.Regency &&
		a.Province == b.Province && a.Story == b.Story && a.StoryEN == b.StoryEN
}
