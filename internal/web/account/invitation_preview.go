package account

import (
	"context"
	"errors"
	"strings"

	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/platform/i18n"
	"github.com/peduli/peduli/internal/tenancy"
)

// invitationPreview is what the invitation page tells the person before
// she accepts: which group, which role, for which email, and whether that
// email already has an account (then she enters its password, no name).
type invitationPreview struct {
	Group      string
	Slug       string
	Role       string
	Email      string
	HasAccount bool
	// Lang is the invitation's language: the one its sender uses, else
	// Indonesian.
	Lang string
}

// previewInvitation reads the open invitation behind token, or ErrNotFound.
// The token names its tenant ("pdi_<tenant id without dashes>.<random>"),
// which opens that tenant's scope; row-level security hides it otherwise.
func (h *Handlers) previewInvitation(ctx context.Context, token string) (*invitationPreview, error) {
	tenantID, ok := invitationTenant(token)
	if !ok {
		return nil, errs.ErrNotFound
	}
	var inv tenancy.Invitation
	err := h.DB.Scope(tenantID).Read(ctx, func(t *db.Tenant) error {
		return t.DB().Where("tenant_id = ? AND token_hash = ? AND "+tenancy.PendingWhere,
			tenantID, identity.HashToken(token), h.Tenancy.Now()).Take(&inv).Error
	})
	if db.IsNotFound(err) {
		return nil, errs.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	var tn tenancy.Tenant
	if err := h.DB.Global(ctx).Where("id = ?", tenantID).Take(&tn).Error; err != nil {
		return nil, err
	}
	_, uerr := h.Identity.Store.UserByEmail(ctx, inv.Email)
	if uerr != nil && !errors.Is(uerr, errs.ErrNotFound) {
		return nil, uerr
	}
	lang := i18n.Indonesian
	if sender, err := h.Identity.Store.User(ctx, inv.InvitedBy); err == nil && i18n.IsSupported(sender.Locale) {
		lang = sender.Locale
	} else if err != nil && !errors.Is(err, errs.ErrNotFound) {
		return nil, err
	}
	return &invitationPreview{Group: tn.Name, Slug: tn.Slug, Role: inv.Role, Email: inv.Email, HasAccount: uerr == nil, Lang: lang}, nil
}

// invitationTenant reads the tenant id out of an invitation token.
func invitationTenant(token string) (string, bool) {
	rest, ok := strings.CutPrefix(token, "pdi_")
	if !ok {
		return "", false
	}
	hexID, _, ok := strings.Cut(rest, ".")
	if !ok || len(hexID) != 32 {
		return "", false
	}
	id := hexID[0:8] + "-" + hexID[8:12] + "-" + hexID[12:16] + "-" + hexID[16:20] + "-" + hexID[20:32]
	return id, db.ValidID(id)
}
