package regions

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/peduli/peduli/internal/audit"
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
// stores them in the rollup: its figures, its months and its report row for
// every standard period, all worked out from one read of its facts. The
// computation only reads, so on SQLite it does not hold the single
// writer's lock; the rows are written afterwards.
func (s *Service) Refresh(ctx context.Context, tenantID string) error {
	var f *Figures
	var months map[string]*GroupMonth
	var reports []storedReport
	err := s.DB.Scope(tenantID).Read(ctx, func(t *db.Tenant) error {
		changed, err := audit.LastChange(t)
		if err != nil {
			return err
		}
		fx, err := s.loadFacts(t, reportable)
		if err != nil {
			return err
		}
		if f, _, err = s.compute(t, fx, s.Now(), reportable); err != nil {
			return err
		}
		f.SourceChangedAt = changed
		months = groupMonths(t.ID, fx)
		f.Monthly = lastTwelve(months, f.RefreshedAt).text()
		reports, err = reportRows(t.ID, fx, f.RefreshedAt)
		return err
	})
	if err != nil {
		return err
	}
	f.setSortKeys()
	return s.DB.GlobalTx(ctx, func(tx *gorm.DB) error {
		if err := tx.Clauses(clause.OnConflict{UpdateAll: true}).Create(f).Error; err != nil {
			return err
		}
		if err := tx.Where("tenant_id = ?", tenantID).Delete(&GroupMonth{}).Error; err != nil {
			return err
		}
		if rows := sortedMonths(months); len(rows) > 0 {
			if err := tx.CreateInBatches(rows, 100).Error; err != nil {
				return err
			}
		}
		if err := tx.Where("tenant_id = ?", tenantID).Delete(&storedReport{}).Error; err != nil {
			return err
		}
		return tx.CreateInBatches(reports, 100).Error
	})
}

// storedReport is one group's exact report row for one standard period
// (table group_reports).
type storedReport struct {
	TenantID    string  `gorm:"primaryKey"`
	PeriodFrom  db.Date `gorm:"primaryKey"`
	PeriodTo    db.Date `gorm:"primaryKey"`
	Figures     string
	RefreshedAt time.Time
}

// TableName is group_reports.
func (storedReport) TableName() string { return "group_reports" }

// reportRows works out the group's rows for every standard period at now.
func reportRows(tenantID string, f *facts, now time.Time) ([]storedReport, error) {
	periods := standardPeriods(now)
	out := make([]storedReport, 0, len(periods))
	for _, p := range periods {
		x := reportRow(f, p[0], db.CalendarDate(p[1].Time().AddDate(0, 0, 1)))
		out = append(out, storedReport{TenantID: tenantID, PeriodFrom: p[0], PeriodTo: p[1], Figures: x.encode(), RefreshedAt: now})
	}
	return out, nil
}

// RefreshBatch is how many groups one rollup job computes before it ends
// (the next run takes the rest), so one job never holds the queue for long.
const RefreshBatch = 200

// RefreshChanged refreshes up to limit groups whose data changed since
// their figures were computed, the longest waiting first. The transaction
// that changed a group marked it (audit.Record), so this reads only marked
// groups; a mark is removed only if no newer change came while the group
// was computed. It returns how many groups it refreshed.
func (s *Service) RefreshChanged(ctx context.Context, limit int) (int, error) {
	marks, err := audit.Changed(ctx, s.DB, limit)
	if err != nil {
		return 0, err
	}
	ids := make([]string, len(marks))
	for i, m := range marks {
		ids[i] = m.TenantID
	}
	done, err := s.refreshAll(ctx, ids)
	n := 0
	for i, ok := range done {
		if !ok {
			continue
		}
		if serr := audit.Settle(ctx, s.DB, marks[i]); serr != nil {
			return n, errors.Join(err, serr)
		}
		n++
	}
	if err != nil {
		return n, fmt.Errorf("rollup of a changed group: %w", err)
	}
	return n, nil
}

// RollupLag is how long the changed group that has waited longest has
// waited for its coordinator figures; zero when none waits.
func (s *Service) RollupLag(ctx context.Context) (time.Duration, error) {
	marks, err := audit.Changed(ctx, s.DB, 1)
	if err != nil || len(marks) == 0 {
		return 0, err
	}
	return max(s.Now().Sub(marks[0].ChangedAt), 0), nil
}

// refreshAll refreshes the groups a few at a time (each in its own short
// transaction; one at a time on SQLite, which has one writer) and says which
// succeeded.
func (s *Service) refreshAll(ctx context.Context, ids []string) ([]bool, error) {
	workers := reportWorkers
	if s.DB.Dialect == db.SQLite {
		workers = 1
	}
	done := make([]bool, len(ids))
	errs := make([]error, len(ids))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, len(ids)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				errs[i] = s.Refresh(ctx, ids[i])
				done[i] = errs[i] == nil
			}
		}()
	}
	for i := range ids {
		next <- i
	}
	close(next)
	wg.Wait()
	return done, errors.Join(errs...)
}

// RefreshDay is the daily pass the moving 90-day window needs, spread over
// the day: each run refreshes groups that have no figures yet or whose
// figures are older than StaleAfter, the oldest first, at most limit.
// Called every PassEvery with limit a share of all groups, it renews every
// group once a day without a burst.
func (s *Service) RefreshDay(ctx context.Context, limit int) (int, error) {
	cutoff := s.Now().Add(-StaleAfter)
	var ids []string
	err := s.DB.Global(ctx).Table("tenants t").
		Joins("LEFT JOIN group_figures f ON f.tenant_id = t.id").
		Where("f.tenant_id IS NULL OR f.refreshed_at < ?", cutoff).
		Order("f.refreshed_at IS NOT NULL, f.refreshed_at, t.id").Limit(limit).Pluck("t.id", &ids).Error
	if err != nil {
		return 0, err
	}
	done, err := s.refreshAll(ctx, ids)
	n := 0
	for _, ok := range done {
		if ok {
			n++
		}
	}
	if err != nil {
		return n, fmt.Errorf("daily rollup: %w", err)
	}
	return n, nil
}

// PassEvery is how often the daily pass runs; DayShare is how many groups
// each run takes so that all of them are renewed within StaleAfter.
const PassEvery = 15 * time.Minute

// DayShare returns the batch for one daily-pass run: the groups divided by
// the runs in a day, rounded up, and at least RefreshBatch/10.
func (s *Service) DayShare(ctx context.Context) (int, error) {
	var n int64
	if err := s.DB.Global(ctx).Table("tenants").Count(&n).Error; err != nil {
		return 0, err
	}
	runs := int64(StaleAfter / PassEvery)
	return max(int((n+runs-1)/runs), RefreshBatch/10), nil
}

// RefreshStale refreshes, until none is left, every changed group and every
// group without figures or with figures older than StaleAfter; tests and
// operators use it to bring the rollup up to date at once.
func (s *Service) RefreshStale(ctx context.Context) (int, error) {
	total := 0
	for _, pass := range []func(context.Context, int) (int, error){s.RefreshChanged, s.RefreshDay} {
		for {
			n, err := pass(ctx, RefreshBatch)
			total += n
			if err != nil {
				return total, err
			}
			if n < RefreshBatch {
				break
			}
		}
	}
	return total, nil
}
