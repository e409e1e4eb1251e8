package identity

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
)

// How long a verification link works, and the least time between two
// verification mails to one person.
const (
	VerificationTTL = 48 * time.Hour
	VerificationGap = 2 * time.Minute
)

// EmailVerification is a one-time link proving that the person reads the
// address it was mailed to. Only the token's hash is stored.
type EmailVerification struct {
	ID        string `gorm:"primaryKey"`
	UserID    string
	Email     string
	TokenHash string
	ExpiresAt time.Time
	UsedAt    *time.Time
	CreatedAt time.Time
}

// VerificationMailer mails the link url to u's address.
type VerificationMailer func(ctx context.Context, u *User, url string) error

// ErrEmailUnverified refuses a role granted by email to an account whose
// address was never proven: whoever registered the address first would
// otherwise receive what was meant for its owner.
var ErrEmailUnverified = errs.Conflict("email_unverified",
	"this account has not verified its email address yet; the person must open the verification link mailed to her")

// EmailVerified reports whether u proved she reads her current address.
func (u *User) EmailVerified() bool { return u.EmailVerifiedAt != nil }

// RequireVerified answers ErrEmailUnverified unless u has verified her
// address; nil u (no account yet) passes.
func RequireVerified(u *User) error {
	if u != nil && !u.EmailVerified() {
		return ErrEmailUnverified
	}
	return nil
}

// EmailVerified reports whether the user with id has verified her current address.
func (s *Service) EmailVerified(ctx context.Context, userID string) (bool, error) {
	u, err := s.Store.User(ctx, userID)
	if err != nil {
		return false, err
	}
	return u.EmailVerified(), nil
}

// VerifyURL is the link a verification token opens.
func (s *Service) VerifyURL(token string) string { return s.BaseURL + "/email/verify/" + token }

// SendVerification queues a mail with a link to verify u's current
// address, when mail is configured and she has not verified it yet. The
// mail goes out after the request has answered (MailVerificationLink works
// the job), so an account change never waits for a mail server.
func (s *Service) SendVerification(ctx context.Context, u *User) error {
	if s.QueueVerification == nil || s.MailVerification == nil || u.EmailVerified() {
		return nil
	}
	if err := s.QueueVerification(ctx, u.ID, HashToken(u.Email)); err != nil {
		return fmt.Errorf("identity: queue verification mail: %w", err)
	}
	return nil
}

// MailVerificationLink makes a verification link for the user's current
// address and mails it, unless the address is no longer the one whose hash
// the job names (a newer job mails the new one); at most one mail to an
// address every VerificationGap. A link whose mail did not go out is
// removed again, and the error is returned so the job is retried.
func (s *Service) MailVerificationLink(ctx context.Context, userID, addressHash string) error {
	u, err := s.Store.User(ctx, userID)
	if errors.Is(err, errs.ErrNotFound) {
		return nil // the account is gone: nothing to verify
	}
	if err != nil {
		return err
	}
	if s.MailVerification == nil || u.EmailVerified() || u.DisabledAt != nil || HashToken(u.Email) != addressHash {
		return nil
	}
	now := s.Now()
	var recent int64
	if err := s.Store.db.Global(ctx).Model(&EmailVerification{}).
		Where("user_id = ? AND email = ? AND created_at > ?", u.ID, u.Email, now.Add(-VerificationGap)).Count(&recent).Error; err != nil {
		return err
	}
	if recent > 0 {
		return nil
	}
	token := NewToken("pdv_")
	row := &EmailVerification{ID: db.NewID(), UserID: u.ID, Email: u.Email, TokenHash: HashToken(token),
		ExpiresAt: now.Add(VerificationTTL), CreatedAt: now}
	if err := s.Store.db.Global(ctx).Create(row).Error; err != nil {
		return err
	}
	if err := s.MailVerification(ctx, u, s.VerifyURL(token)); err != nil {
		if derr := s.Store.db.Global(context.WithoutCancel(ctx)).Where("id = ?", row.ID).Delete(&EmailVerification{}).Error; derr != nil {
			return derr
		}
		return err
	}
	return nil
}

// openVerification reads the open link behind token through q: unused,
// unexpired and for the address its user still has.
func (s *Service) openVerification(q *gorm.DB, token string) (*EmailVerification, error) {
	var v EmailVerification
	err := q.Table("email_verifications AS v").Select("v.*").Joins("JOIN users u ON u.id = v.user_id AND u.email = v.email").
		Where("v.token_hash = ? AND v.used_at IS NULL AND v.expires_at > ?", HashToken(token), s.Now()).Take(&v).Error
	if db.IsNotFound(err) {
		return nil, errs.ErrNotFound
	}
	return &v, err
}

// VerificationOpen reports whether token is a link that still works
// (ErrNotFound when not).
func (s *Service) VerificationOpen(ctx context.Context, token string) error {
	_, err := s.openVerification(s.Store.db.Global(ctx), token)
	return err
}

// VerifyEmail marks the address the link was mailed to as verified, once.
// A link for an address the user has since changed does nothing (ErrNotFound).
func (s *Service) VerifyEmail(ctx context.Context, token string) (*User, error) {
	var userID string
	err := s.Store.db.GlobalTx(ctx, func(tx *gorm.DB) error {
		v, err := s.openVerification(tx, token)
		if err != nil {
			return err
		}
		now := s.Now()
		if err := spendTokens(tx, &EmailVerification{}, v.UserID, now); err != nil {
			return err
		}
		userID = v.UserID
		return tx.Model(&User{}).Where("id = ? AND email = ?", v.UserID, v.Email).
			Updates(map[string]any{"email_verified_at": now, "updated_at": now}).Error
	})
	if err != nil {
		return nil, err
	}
	return s.Store.User(ctx, userID)
}

// MarkVerified records u's current address as verified without a link, for
// accounts an operator makes (the demo users, `peduli user create`).
func (s *Service) MarkVerified(ctx context.Context, userID string) error {
	return s.Store.db.Global(ctx).Model(&User{}).Where("id = ?", userID).
		Update("email_verified_at", s.Now()).Error
}

// VerificationRetention is how long a used or expired verification row is kept.
const VerificationRetention = 7 * 24 * time.Hour

// PruneVerifications deletes verification links used or expired more than
// VerificationRetention ago (each holds an address).
func PruneVerifications(ctx context.Context, d *db.DB, now time.Time) (int64, error) {
	cutoff := now.Add(-VerificationRetention)
	res := d.Global(ctx).Where("expires_at < ? OR used_at < ?", cutoff, cutoff).Delete(&EmailVerification{})
	return res.RowsAffected, res.Error
}
