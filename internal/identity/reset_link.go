package identity

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// EndResetLinks ends every open password-reset link of userID at once. A
// link handed out by a group's admin is only safe while the person's roles
// are what they were when it was issued, so the code that changes roles or
// adds a membership calls this; a password or email change calls it too.
func (s *Service) EndResetLinks(ctx context.Context, userID string) error {
	return EndResetLinksIn(s.Store.db.Global(ctx), userID, s.Now())
}

// EndResetLinksIn is EndResetLinks inside the caller's transaction tx.
func EndResetLinksIn(tx *gorm.DB, userID string, now time.Time) error {
	return tx.Model(&PasswordReset{}).Where("user_id = ? AND used_at IS NULL AND expires_at > ?", userID, now).
		Update("expires_at", now).Error
}

// SetPasswordIn replaces userID's password with hash (from HashPassword)
// inside tx, ends every open reset link of hers and all her sessions.
func (s *Service) SetPasswordIn(tx *gorm.DB, userID, hash string) error {
	now := s.Now()
	err := tx.Model(&User{}).Where("id = ?", userID).
		Updates(map[string]any{"password_hash": hash, "password_changed_at": now, "updated_at": now}).Error
	if err != nil {
		return err
	}
	if err := EndResetLinksIn(tx, userID, now); err != nil {
		return err
	}
	return revokeSessions(tx, userID, "", now)
}
