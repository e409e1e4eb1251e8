package regions

import (
	"context"
	"time"

	"github.com/peduli/peduli/internal/platform/clock"
	"github.com/peduli/peduli/internal/platform/db"
)

// RecomputeMonth works out one group's month from its raw data with the
// period queries the rest of the package uses, for comparison with what the
// rollup stored.
func (s *Service) RecomputeMonth(ctx context.Context, tenantID, month string) (GroupMonth, error) {
	g := GroupMonth{TenantID: tenantID, Month: month}
	first, err := time.Parse("2006-01", month)
	if err != nil {
		return g, err
	}
	from, to := clock.Today(first, clock.Zone), clock.Today(first.AddDate(0, 1, 0), clock.Zone)
	err = s.DB.Scope(tenantID).Read(ctx, func(t *db.Tenant) error {
		if err := scalar(t.DB(), &g.Activities, `SELECT count(*) FROM program_activities
			WHERE tenant_id = ? AND held_on >= ? AND held_on < ?`, t.ID, from, to); err != nil {
			return err
		}
		att, err := attendance(t, reportable, from, to)
		if err != nil {
			return err
		}
		g.Expected, g.Present, g.People = att.expected, att.present, att.people
		if err := t.DB().Raw(`SELECT count(*), coalesce(sum(CASE WHEN eligible_prse THEN 1 ELSE 0 END), 0)
			FROM reportable_beneficiaries WHERE tenant_id = ? AND created_at >= ? AND created_at < ?`,
			t.ID, first, first.AddDate(0, 1, 0)).Row().Scan(&g.NewPeople, &g.NewPRSE); err != nil {
			return err
		}
		m, err := money(t, from, to)
		g.MoneyIn, g.MoneyOut, g.Donations = m.In, m.Out, m.Donations
		return err
	})
	return g, err
}

// StoredMonths returns what the rollup keeps for the group, by month.
func (s *Service) StoredMonths(ctx context.Context, tenantID string) (map[string]GroupMonth, error) {
	var rows []GroupMonth
	err := s.DB.Global(ctx).Where("tenant_id = ?", tenantID).Find(&rows).Error
	out := map[string]GroupMonth{}
	for _, r := range rows {
		out[r.Month] = r
	}
	return out, err
}

// RefreshParts times the parts of one group's refresh.
func (s *Service) RefreshParts(ctx context.Context, tenantID string) (compute, months, change time.Duration, err error) {
	err = s.DB.Scope(tenantID).Read(ctx, func(t *db.Tenant) error {
		start := time.Now()
		if _, err := lastChange(t); err != nil {
			return err
		}
		change = time.Since(start)
		start = time.Now()
		if _, _, err := s.compute(ctx, t, s.Now(), reportable); err != nil {
			return err
		}
		compute = time.Since(start)
		start = time.Now()
		_, err := s.groupMonths(t)
		months = time.Since(start)
		return err
	})
	return
}
