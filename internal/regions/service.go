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
// The one cross-tenant read is group_figures, and it is safe because of how
// it is written and read: (1) each row is computed by Refresh inside that
// group's own db.Scope, so on PostgreSQL row-level security confines every
// query of the computation to that group; (2) a row holds counts, rates,
// medians and sums only — no id, name or field of a person — and counts
// people through reportable_beneficiaries (reporting consent); (3) it is
// read only by RequireRegion-guarded routes, after the region check, and
// every count of people passes Publish (suppressed below 5, rounded to 5)
// before it leaves the package. Reports do not read it: each group's report
// row is computed in that group's scope and published before rows are put
// side by side.
package regions

import (
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
