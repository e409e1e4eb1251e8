package web

import (
	"context"
	"strings"

	"github.com/peduli/peduli/internal/tenancy"
)

// HomeOf is where a person starts once signed in: the platform admin's
// pages; else her first group's workspace; else, for a coordinator who
// belongs to no group, her region; else the landing page.
func HomeOf(ctx context.Context, t *tenancy.Service, userID string) string {
	if t.Access.IsPlatformAdmin(userID) {
		return "/admin"
	}
	ms := t.Access.Memberships(userID)
	if len(ms) == 0 {
		if codes := t.Access.CoordinatedRegions(userID); len(codes) > 0 {
			return "/regions/" + codes[0]
		}
		return "/"
	}
	ids := make([]string, len(ms))
	for i, m := range ms {
		ids[i] = m.TenantID
	}
	ts, err := t.Store.Tenants(ctx, ids)
	if err != nil || len(ts) == 0 {
		return "/"
	}
	return "/t/" + ts[0].Slug
}

// DeskOf is the page that replaces the landing page for someone who runs
// or oversees groups rather than belonging to one — the platform admin's
// pages or a coordinator's region — or "" for everyone else, who sees the
// landing page with her own groups on it.
func DeskOf(ctx context.Context, t *tenancy.Service, userID string) string {
	home := HomeOf(ctx, t, userID)
	if home == "/admin" || strings.HasPrefix(home, "/regions/") {
		return home
	}
	return ""
}
