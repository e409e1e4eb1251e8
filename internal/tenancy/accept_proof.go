package tenancy

import (
	"context"
	"errors"

	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
)

// proveInvitee makes someone who already has an account prove her password
// before she accepts an invitation sent to her email, throttled like a login
// (anyone can invite any email to a group of their own, so an unthrottled
// check here would let them guess her password without limit). It runs
// before the accepting transaction because the throttle records failures in
// a transaction of its own. It returns the proven user, or nil when the
// invitation's email has no account yet.
func (s *Service) proveInvitee(ctx context.Context, scope db.Scope, token, password string) (*identity.User, error) {
	var inv Invitation
	err := scope.Read(ctx, func(t *db.Tenant) error {
		return t.DB().Where("tenant_id = ? AND token_hash = ? AND "+PendingWhere,
			scope.TenantID(), identity.HashToken(token), s.Now()).Take(&inv).Error
	})
	if db.IsNotFound(err) {
		return nil, errs.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	u, err := s.Identity.Store.UserByEmail(ctx, inv.Email)
	if errors.Is(err, errs.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if err := s.Identity.ProvePassword(ctx, u, password, "password"); err != nil {
		return nil, err
	}
	return u, nil
}
