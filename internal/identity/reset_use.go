package identity

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
)

// open reads the open reset behind token through q, locking its row on
// PostgreSQL when lock is set; ErrNotFound when it is unknown, used or
// expired.
func (r *Resets) open(q *gorm.DB, token string, lock bool) (*PasswordReset, error) {
	if lock && r.DB.Dialect == db.Postgres {
		q = q.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	var pr PasswordReset
	err := q.Where("token_hash = ? AND used_at IS NULL AND expires_at > ?", HashToken(token), r.Now()).
		Take(&pr).Error
	if db.IsNotFound(err) {
		return nil, errs.ErrNotFound
	}
	return &pr, err
}

// Valid returns the open reset behind token, or ErrNotFound when it is
// unknown, used, expired, or issued by a group whose rule no longer allows it.
func (r *Resets) Valid(ctx context.Context, token string) (*PasswordReset, error) {
	var pr *PasswordReset
	// One transaction: reading the roles binds row-level security settings
	// that last only as long as it.
	err := r.DB.GlobalTx(ctx, func(tx *gorm.DB) (err error) {
		if pr, err = r.open(tx, token, false); err != nil {
			return err
		}
		return r.stillAllowed(tx, pr)
	})
	if refused(err) {
		return nil, errs.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	return pr, nil
}

// Use sets a new password with a reset link, once. In one transaction it
// checks the link, checks again that the group which issued it may still
// do so (a link whose rule fails is ended, ErrNotFound), spends every open
// link of the person, sets the password and ends all her sessions.
func (r *Resets) Use(ctx context.Context, token, password string) (string, error) {
	if msg := CheckPasswordRules(password); msg != "" {
		return "", errs.Invalid("password", "password", msg)
	}
	hash, err := HashPassword(password)
	if err != nil {
		return "", err
	}
	var userID string
	err = r.DB.GlobalTx(ctx, func(tx *gorm.DB) error {
		pr, err := r.open(tx, token, true)
		if err != nil {
			return err
		}
		now := r.Now()
		if err := r.stillAllowed(tx, pr); err != nil {
			if !refused(err) {
				return err
			}
			// End it for good: the rule failing is the end of this link,
			// even if her roles change back later.
			return tx.Model(&PasswordReset{}).Where("id = ?", pr.ID).Update("expires_at", now).Error
		}
		if err := spendTokens(tx, &PasswordReset{}, pr.UserID, now); err != nil {
			return err
		}
		userID = pr.UserID
		return r.Identity.SetPasswordIn(tx, pr.UserID, hash)
	})
	if err != nil {
		return "", err
	}
	if userID == "" {
		return "", errs.ErrNotFound
	}
	return userID, nil
}

// ResetRetention is how long a used or expired reset link's row is kept.
const ResetRetention = 7 * 24 * time.Hour

// PruneResets deletes reset links used or expired more than ResetRetention
// ago; a link past that can never work again, and its row says nothing new.
func PruneResets(ctx context.Context, d *db.DB, now time.Time) (int64, error) {
	cutoff := now.Add(-ResetRetention)
	res := d.Global(ctx).Where("expires_at < ? OR used_at < ?", cutoff, cutoff).Delete(&PasswordReset{})
	if res.Error != nil {
		return 0, fmt.Errorf("identity: prune password resets: %w", res.Error)
	}
	return res.RowsAffected, nil
}
