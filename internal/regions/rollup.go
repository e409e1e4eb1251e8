package regions

import (
	"context"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/peduli/peduli/internal/platform/db"
)

// Window is how far back the "recent" figures look, and Quiet how long a
// group may go without an activity before it is flagged.
const (
	Window = 90 * 24 * time.Hour
	Quiet  = 60 * 24 * time.Hour
	// StaleAfter bounds how old a group's figures get even when nothing in
	// the group changed: the 90-day window moves every day.
	StaleAfter = 24 * time.Hour
)

// Refresh recomputes one group's figures inside its own scope — on
// PostgreSQL row-level security confines every query to that group — and
// stores them in the rollup. The computation only reads, so on SQLite it
// does not hold the single writer's lock; the row is written afterwards.
func (s *Service) Refresh(ctx context.Context, tenantID string) error {
	var f *Figures
	err := s.DB.Scope(tenantID).Read(ctx, func(t *db.Tenant) error {
		changed, err := lastChange(t)
		if err != nil {
			return err
		}
		if f, _, err = s.compute(ctx, t, s.Now(), reportable); err != nil {
			return err
		}
		f.SourceChangedAt = changed
		months, err := monthly(t, f.RefreshedAt)
		if err != nil {
			return err
		}
		f.Monthly = months.text()
		return nil
	})
	if err != nil {
		return err
	}
	return s.DB.Global(ctx).Clauses(clause.OnConflict{UpdateAll: true}).Create(f).Error
}

// RefreshStale refreshes every group whose data changed since its figures
// were computed, whose figures are older than StaleAfter, or that has none
// yet. A change is seen in the group's audit log, which every write in a
// tenant records, so features need not tell the rollup anything. It returns
// how many groups it refreshed.
func (s *Service) RefreshStale(ctx context.Context) (int, error) {
	var ids []string
	if err := s.DB.Global(ctx).Table("tenants").Order("id").Pluck("id", &ids).Error; err != nil {
		return 0, err
	}
	var have []Figures
	if err := s.DB.Global(ctx).Select("tenant_id, source_changed_at, refreshed_at").Find(&have).Error; err != nil {
		return 0, err
	}
	known := make(map[string]Figures, len(have))
	for _, f := range have {
		known[f.TenantID] = f
	}
	now, n := s.Now(), 0
	for _, id := range ids {
		if ctx.Err() != nil {
			return n, ctx.Err()
		}
		old, ok := known[id]
		stale := !ok || now.Sub(old.RefreshedAt) > StaleAfter
		if !stale {
			var changed *time.Time
			err := s.DB.Scope(id).Read(ctx, func(t *db.Tenant) error {
				var err error
				changed, err = lastChange(t)
				return err
			})
			if err != nil {
				return n, err
			}
			stale = changed != nil && (old.SourceChangedAt == nil || changed.After(*old.SourceChangedAt))
		}
		if !stale {
			continue
		}
		if err := s.Refresh(ctx, id); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// RefreshEvery runs RefreshStale on a timer until ctx ends.
func (s *Service) RefreshEvery(ctx context.Context, every time.Duration) {
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		if n, err := s.RefreshStale(ctx); err != nil && ctx.Err() == nil {
			s.Log.Error("rollup refresh failed", "error", err)
		} else if n > 0 {
			s.Log.Info("rollup refreshed", "groups", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// lastChange is the time of the group's latest audited write.
func lastChange(t *db.Tenant) (*time.Time, error) {
	var at []time.Time
	err := t.DB().Table("audit_events").Where("tenant_id = ?", t.ID).
		Order("created_at DESC").Limit(1).Pluck("created_at", &at).Error
	if err != nil || len(at) == 0 {
		return nil, err
	}
	return &at[0], nil
}

// scalar runs a one-row, one-column query into dst.
func scalar(tx *gorm.DB, dst any, query string, args ...any) error {
	return tx.Raw(query, args...).Row().Scan(dst)
}
