package identity

import (
	"context"
	"errors"

	"gorm.io/gorm"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/platform/httpx"
)

// reauthenticate checks u's current password before a change to her
// account, counting a wrong one against the login throttle so a stolen
// session cannot be used to guess it.
func (s *Service) reauthenticate(ctx context.Context, u *User, current, ip string) error {
	now := s.Now()
	if err := s.Store.checkThrottle(ctx, u.Email, ip, now); err != nil {
		return err
	}
	ok, err := VerifyPassword(u.PasswordHash, current)
	if err != nil {
		return err
	}
	if !ok {
		if err := s.Store.recordFailure(ctx, u.Email, ip, now); err != nil {
			return err
		}
		return errs.Invalid("current_password", "current_password", "is not your current password")
	}
	return nil
}

// ProvePassword checks that password is u's, for flows that let an existing
// user prove who she is without logging in (accepting an invitation sent to
// her email). It is throttled like a login from the client's address, or
// anyone holding such an invitation could guess her password without limit.
// A wrong password is a validation error on field.
func (s *Service) ProvePassword(ctx context.Context, u *User, password, field string) error {
	err := s.reauthenticate(ctx, u, password, ClientIP(ctx))
	var ve *errs.ValidationError
	if errors.As(err, &ve) {
		return errs.Invalid(field, "current_password", "this email has an account: enter its current password")
	}
	return err
}

// ChangePassword replaces u's password after she re-entered the current
// one, and ends every other session of hers; keepSessionID stays.
func (s *Service) ChangePassword(ctx context.Context, u *User, keepSessionID string, in PasswordInput, ip string) error {
	if err := httpx.Validate(in); err != nil {
		return err
	}
	next := in.NewPassword
	if err := s.reauthenticate(ctx, u, in.CurrentPassword, ip); err != nil {
		return err
	}
	if msg := CheckPasswordRules(next); msg != "" {
		return errs.Invalid("new_password", "password", msg)
	}
	hash, err := HashPassword(next)
	if err != nil {
		return err
	}
	now := s.Now()
	return s.Store.db.GlobalTx(ctx, func(tx *gorm.DB) error {
		err := tx.Model(&User{}).Where("id = ?", u.ID).
			Updates(map[string]any{"password_hash": hash, "password_changed_at": now, "updated_at": now}).Error
		if err != nil {
			return err
		}
		if err := EndResetLinksIn(tx, u.ID, now); err != nil {
			return err
		}
		return revokeSessions(tx, u.ID, keepSessionID, now)
	})
}

// ChangeEmail gives u a new login email after she re-entered her password,
// ends her open reset links (one may have been mailed to the old address)
// and mails a link to verify the new one.
func (s *Service) ChangeEmail(ctx context.Context, u *User, in EmailInput, ip string) (*User, error) {
	if err := httpx.Validate(in); err != nil {
		return nil, err
	}
	if err := s.reauthenticate(ctx, u, in.CurrentPassword, ip); err != nil {
		return nil, err
	}
	email := NormalizeEmail(in.Email)
	now := s.Now()
	err := s.Store.db.GlobalTx(ctx, func(tx *gorm.DB) error {
		// A new address is unverified until its own link is opened.
		if err := tx.Model(&User{}).Where("id = ?", u.ID).
			Updates(map[string]any{"email": email, "email_verified_at": nil, "updated_at": now}).Error; err != nil {
			return err
		}
		return EndResetLinksIn(tx, u.ID, now)
	})
	if db.IsDuplicate(err) {
		return nil, errs.Conflict("email_taken", "an account with this email already exists")
	}
	if err != nil {
		return nil, err
	}
	changed, err := s.Store.User(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	return changed, s.SendVerification(ctx, changed)
}

// Disable stops a user from logging in and ends all her sessions and open
// reset links at once.
// byID is the platform admin doing it, who cannot disable herself.
func (s *Service) Disable(ctx context.Context, byID, userID string) error {
	if byID == userID {
		return errs.Conflict("disable_self", "you cannot disable your own account")
	}
	u, err := s.Store.User(ctx, userID)
	if err != nil {
		return err
	}
	now := s.Now()
	if u.DisabledAt == nil {
		if err := s.Store.db.Global(ctx).Model(&User{}).Where("id = ?", u.ID).
			Updates(map[string]any{"disabled_at": now, "updated_at": now}).Error; err != nil {
			return err
		}
	}
	if err := s.EndResetLinks(ctx, u.ID); err != nil {
		return err
	}
	return s.Store.RevokeUserSessions(ctx, u.ID, "", now)
}
