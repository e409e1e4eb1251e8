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

// homeOf is where a person lands after signing in (web.HomeOf).
func (h *Handlers) homeOf(ctx context.Context, userID string) string {
	return web.HomeOf(ctx, h.Tenancy, userID)
}
