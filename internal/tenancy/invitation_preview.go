package tenancy

import (
	"context"
	"errors"
	"fmt"

	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/platform/i18n"
)

// InvitationPreview is what the invitation page tells the person before
// she accepts: which group, which role, for which email, and whether that
// email already has an account (then she enters its password, no name).
type InvitationPreview struct {
	Group      string
	Slug       string
	Role       string
	Email      string
	HasAccount bool
	// Lang is the invitation's language: the one its sender uses, else
	// Indonesian.
	Lang string
}

// PreviewInvitation reads the open invitation behind token, or ErrNotFound.
// The token names its tenant, which opens that tenant's scope; row-level
// security hides it otherwise.
func (s *Service) PreviewInvitation(ctx context.Context, token string) (*InvitationPreview, error) {
	tenantID, ok := tenantOfInvitation(token)
	if !ok {
		return nil, errs.ErrNotFound
	}
	var inv Invitation
	err := s.DB.Scope(tenantID).Read(ctx, func(t *db.Tenant) error {
		return t.DB().Where("tenant_id = ? AND token_hash = ? AND "+PendingWhere,
			tenantID, identity.HashToken(token), s.Now()).Take(&inv).Error
	})
	if db.IsNotFound(err) {
		return nil, errs.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("tenancy: preview invitation: %w", err)
	}
	tn, err := s.Store.TenantByID(ctx, tenantID)
	if err != nil {
		return nil, err
	}
	_, uerr := s.Identity.Store.UserByEmail(ctx, inv.Email)
	if uerr != nil && !errors.Is(uerr, errs.ErrNotFound) {
		return nil, uerr
	}
	lang := i18n.Indonesian
	if sender, err := s.Identity.Store.User(ctx, inv.InvitedBy); err == nil && i18n.IsSupported(sender.Locale) {
		lang = sender.Locale
	} else if err != nil && !errors.Is(err, errs.ErrNotFound) {
		return nil, err
	}
	return &InvitationPreview{Group: tn.Name, Slug: tn.Slug, Role: inv.Role, Email: inv.Email,
		HasAccount: uerr == nil, Lang: lang}, nil
}
