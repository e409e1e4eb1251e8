package identity

import (
	"time"

	"gorm.io/gorm"

	"github.com/peduli/peduli/internal/platform/errs"
)

// spendTokens marks every open single-use link of userID in model's table
// (password resets, email verifications) used at now, so the one being
// used and any sent before it stop working together. ErrNotFound when none
// was open: a concurrent request spent it first.
func spendTokens(tx *gorm.DB, model any, userID string, now time.Time) error {
	res := tx.Model(model).Where("user_id = ? AND used_at IS NULL", userID).Update("used_at", now)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return errs.ErrNotFound
	}
	return nil
}
