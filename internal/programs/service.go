package programs

import (
	"context"
	"log/slog"
	"time"

	"github.com/peduli/peduli/internal/registry"
	"github.com/peduli/peduli/internal/tenancy"
)

// Service owns the rules of templates, programs, enrollments, activities,
// attendance and outcomes. Pages and the JSON API both call it; every
// method that touches tenant data takes the request's db.Scope.
type Service struct {
	Store *Store
	// Tenancy answers a tenant's region and the minimum wage that applies
	// to it, which graduation readiness compares income with.
	Tenancy *tenancy.Store
	// Keys seal and open income outcomes with the tenant's data key (the
	// registry's keyring: one key per tenant for all personal data).
	Keys *registry.Keyring
	// Books answers income from members' enterprise books; a month with
	// books is computed from them instead of typed in.
	Books IncomeBooks
	Log   *slog.Logger
	Now   func() time.Time
}

// regionOf returns the region code of a tenant.
func (s *Service) regionOf(ctx context.Context, tenantID string) (string, error) {
	ts, err := s.Tenancy.Tenants(ctx, []string{tenantID})
	if err != nil || len(ts) == 0 {
		return "", err
	}
	return ts[0].RegionCode, nil
}
