// Package regions lets regional coordinators oversee the groups of their
// region: the platform admin assigns coordinators to region nodes and moves
// groups between nodes, coordinators verify new groups, read per-group
// figures from a maintained rollup and export region reports in which every
// count of people is small-cell suppressed. Coordinators never see a person.
//
// Who oversees what is never cached: a coordinator role is a casbin grouping
// rule on a region node, and every check asks casbin whether the caller
// coordinates the group's region_code or one of its ancestors, reading the
// tenant row per request.
//
// The cross-tenant reads are the rollup's tables (group_figures,
// group_months, group_reports), and they are safe because of how they are
// written and read: (1) each row is computed by Refresh inside that group's
// own db.Scope, from facts its owners hand over (registry, programs, funds),
// so on PostgreSQL row-level security confines every query of the
// computation to that group; (2) a row holds counts, rates, medians, sums
// and, for a median shown over 5 people or more, the anonymous sorted
// changes it is taken over — no id, name or field of a person — and counts
// only people who consented to reporting; (3) it is read only by
// RequireRegion-guarded routes, after the region check, and every figure
// passes Publish (counts suppressed below 5, rounded to 5; measures over
// fewer than 5 people suppressed) before it leaves the package. A report
// period the rollup does not keep is computed in each group's own scope.
package regions

import (
	"context"
	"log/slog"
	"time"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/registry"
	"github.com/peduli/peduli/internal/tenancy"
)

// Service owns coordinator assignment, verification, rollups and reports.
type Service struct {
	DB      *db.DB
	Tenancy *tenancy.Store
	Users   *identity.Store
	Access  *access.Enforcer
	// Keys open income outcomes, sealed with each tenant's data key; they
	// are opened inside that tenant's scope and only aggregates leave it.
	Keys *registry.Keyring
	// Fund answers each group's savings, loans and enterprise figures.
	Fund FundSource
	Log  *slog.Logger
	Now  func() time.Time
	// Queue enqueues a background report job (unique while it waits or
	// runs).
	Queue func(ctx context.Context, job ReportJob) error
	// LiveLimit overrides LiveGroups (tests set it low).
	LiveLimit int
	// months keeps recent region charts (RegionMonths).
	months monthsCache
}

// Oversees reports whether userID may see region code's groups: a platform
// admin, or a coordinator of code or of any region above it. It asks casbin
// on every call, so a change of assignment applies to the next request.
func (s *Service) Oversees(userID, code string) bool {
	return s.Access.IsPlatformAdmin(userID) || s.Access.Coordinates(userID, tenancy.Ancestors(code))
}

// CoordinatesGroup reports whether userID coordinates the region of t or
// one above it. The tenant row is read per request, so moving a group
// changes who oversees it at once.
func (s *Service) CoordinatesGroup(userID string, t *tenancy.Tenant) bool {
	return s.Access.Coordinates(userID, tenancy.Ancestors(t.RegionCode))
}

// Below reports whether region code lies at or below region top.
func Below(code, top string) bool {
	return code == top || (len(code) > len(top) && code[:len(top)] == top && code[len(top)] == '.')
}
