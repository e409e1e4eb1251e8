package enterprises

import (
	"context"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/platform/httpx"
	"github.com/peduli/peduli/internal/registry"
)

// maxAmount bounds a month's figure: Rp 10 trillion in minor units.
const maxAmount = 1_000_000_000_000_000

// BookInput is the body of PUT …/enterprises/{id}/books/{YYYY-MM}, in IDR
// minor units.
type BookInput struct {
	Sales *int64 `json:"sales" validate:"required,gte=0,lte=1000000000000000"`
	Costs struct {
		Materials int64 `json:"materials" validate:"gte=0,lte=1000000000000000"`
		Other     int64 `json:"other" validate:"gte=0,lte=1000000000000000"`
	} `json:"costs"`
	StockBought int64 `json:"stock_bought" validate:"gte=0,lte=1000000000000000"`
	DaysWorked  int   `json:"days_worked" validate:"gte=0,lte=31"`
}

// SaveBook records or corrects an enterprise's book for one month. The
// month must be a real one, not before the enterprise started and not in
// the future.
func (s *Service) SaveBook(ctx context.Context, scope db.Scope, actor audit.Actor, enterpriseID, period string, in BookInput) (*BookView, error) {
	if err := httpx.Validate(in); err != nil {
		return nil, err
	}
	if in.Sales == nil {
		return nil, errs.Invalid("sales", "required", "is required")
	}
	now := s.Now()
	b := &Book{TenantID: scope.TenantID(), EnterpriseID: enterpriseID, Period: period, CreatedAt: now, UpdatedAt: now,
		Figures: Figures{Sales: *in.Sales, Materials: in.Costs.Materials, Other: in.Costs.Other,
			StockBought: in.StockBought, DaysWorked: in.DaysWorked}}
	if actor.UserID != "" {
		b.RecordedBy = &actor.UserID
	}
	err := s.Keys.WithCurrent(ctx, scope, func(key registry.Key) error {
		return scope.Write(ctx, func(t *db.Tenant) error {
			e, err := find(t, enterpriseID)
			if err != nil {
				return err
			}
			if err := checkPeriod(period, e.StartedOn, now); err != nil {
				return err
			}
			if err := s.Keys.Hold(t, key.Version); err != nil {
				return err
			}
			seal(b, key)
			var n int64
			q := func() *gorm.DB {
				return t.DB().Model(&Book{}).Where("tenant_id = ? AND enterprise_id = ? AND period = ?", t.ID, enterpriseID, period)
			}
			if err := q().Count(&n).Error; err != nil {
				return err
			}
			action := audit.Create
			if n > 0 {
				action = audit.Update
			}
			// An upsert, so two people saving the same month at once both
			// succeed and the later figures stand.
			if err := t.DB().Clauses(clause.OnConflict{
				Columns:   []clause.Column{{Name: "tenant_id"}, {Name: "enterprise_id"}, {Name: "period"}},
				DoUpdates: clause.AssignmentColumns([]string{"figures_sealed", "key_version", "recorded_by", "updated_at"}),
			}).Create(b).Error; err != nil {
				return err
			}
			return audit.Record(t, actor, action, "enterprise_book", enterpriseID, "period", "sales", "costs", "stock_bought", "days_worked")
		})
	})
	if err != nil {
		return nil, err
	}
	v := b.view()
	return &v, nil
}

// Books lists an enterprise's books, oldest month first: an audited read
// of a member's income.
func (s *Service) Books(ctx context.Context, scope db.Scope, actor audit.Actor, enterpriseID string) ([]BookView, error) {
	out := []BookView{}
	err := scope.Write(ctx, func(t *db.Tenant) error {
		e, err := find(t, enterpriseID)
		if err != nil {
			return err
		}
		var rows []Book
		if err := t.DB().Where("tenant_id = ? AND enterprise_id = ?", t.ID, enterpriseID).Order("period").Find(&rows).Error; err != nil {
			return err
		}
		if rows, err = s.openAll(t, rows); err != nil {
			return err
		}
		for i := range rows {
			out = append(out, rows[i].view())
		}
		return audit.Record(t, actor, audit.ReadPersonal, "beneficiary", e.BeneficiaryID, "enterprise_books")
	})
	return out, err
}

// checkPeriod accepts a month YYYY-MM from the enterprise's start up to
// the current month.
func checkPeriod(period string, started db.Date, now time.Time) error {
	p, err := time.Parse("2006-01", period)
	switch {
	case err != nil || p.Format("2006-01") != period || p.Year() < 2000:
		return errs.Invalid("period", "month", "must be a month in the form YYYY-MM")
	case period > now.UTC().Format("2006-01"):
		return errs.Invalid("period", "past", "must not be in the future")
	case period < string(started)[:7]:
		return errs.Invalid("period", "started", "must not be before the enterprise started")
	}
	return nil
}
