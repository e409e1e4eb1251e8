// Package account serves the pages of a person's account: sign-up of a
// group, login and logout, password reset, invitations and the language
// switch.
package account

import (
	"context"

	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/tenancy"
	"github.com/peduli/peduli/internal/web"
)

// Handlers serves the account pages.
type Handlers struct {
	Pages    *web.Pages
	Identity *identity.Service
	Auth     *identity.Handlers
	Tenancy  *tenancy.Service
	DB       *db.DB
	Resets   *identity.Resets
}

// homeOf is where a person lands after signing in: her first group's
// workspace, or the landing page when she belongs to none.
func (h *Handlers) homeOf(ctx context.Context, userID string) string {
	ms := h.Tenancy.Access.Memberships(userID)
	if len(ms) == 0 {
		// A coordinator who belongs to no group lands on her region.
		if codes := h.Tenancy.Access.CoordinatedRegions(userID); len(codes) > 0 {
			return "/regions/" + codes[0]
		}
		return "/"
	}
	ids := make([]string, len(ms))
	for i, m := range ms {
		ids[i] = m.TenantID
	}
	ts, err := h.Tenancy.Store.Tenants(ctx, ids)
	if err != nil || len(ts) == 0 {
		return "/"
	}
	return "/t/" + ts[0].Slug
}
