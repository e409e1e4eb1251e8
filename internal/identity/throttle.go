package identity

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Login throttling. Two counters slow a password-guessing attacker without
// letting her lock the victim out:
//   - per account and address: after AccountFreeFailures wrong passwords
//     from one address, that address waits 1 s, 2 s, 4 s … (at most
//     MaxBlock) before its next try on that account. The victim, logging in
//     from her own address, is not affected.
//   - per address: after AddressFreeFailures wrong passwords from one
//     address on any accounts, the same backoff applies to the address.
//
// A success clears the account-and-address counter; counters idle for
// ThrottleWindow start again from zero. They live in the database, so they
// hold across replicas.
const (
	AccountFreeFailures = 5
	AddressFreeFailures = 50
	MaxBlock            = 15 * time.Minute
	ThrottleWindow      = time.Hour
)

// ThrottledError says how long a caller must wait before trying again; the
// HTTP layer answers it with 429 and Retry-After.
type ThrottledError struct{ Wait time.Duration }

func (e *ThrottledError) Error() string {
	return fmt.Sprintf("too many failed logins; retry in %s", e.Wait)
}

// RetryAfter is how long to wait.
func (e *ThrottledError) RetryAfter() time.Duration { return e.Wait }

// loginThrottle is one counter row.
type loginThrottle struct {
	Key          string `gorm:"primaryKey"`
	Failures     int
	BlockedUntil *time.Time
	UpdatedAt    time.Time
}

func (loginThrottle) TableName() string { return "login_throttles" }

func accountKey(email, ip string) string {
	sum := sha256.Sum256([]byte(NormalizeEmail(email)))
	return "a:" + hex.EncodeToString(sum[:]) + "|" + ip
}

func addressKey(ip string) string { return "ip:" + ip }

// checkThrottle returns a ThrottledError while either counter blocks.
func (s *Store) checkThrottle(ctx context.Context, email, ip string, now time.Time) error {
	var rows []loginThrottle
	err := s.db.Global(ctx).Where("key IN ? AND blocked_until > ?", []string{accountKey(email, ip), addressKey(ip)}, now).
		Find(&rows).Error
	if err != nil {
		return err
	}
	var wait time.Duration
	for _, r := range rows {
		if d := r.BlockedUntil.Sub(now); d > wait {
			wait = d
		}
	}
	if wait > 0 {
		return &ThrottledError{Wait: wait}
	}
	return nil
}

// recordFailure counts a wrong password against both counters.
func (s *Store) recordFailure(ctx context.Context, email, ip string, now time.Time) error {
	return s.db.GlobalTx(ctx, func(tx *gorm.DB) error {
		if err := bump(tx, accountKey(email, ip), AccountFreeFailures, now); err != nil {
			return err
		}
		return bump(tx, addressKey(ip), AddressFreeFailures, now)
	})
}

// bump adds one failure to key and blocks it with exponential backoff once
// it is past free failures. Two replicas bumping at once may count one
// failure less, which only shortens a block by a step.
func bump(tx *gorm.DB, key string, free int, now time.Time) error {
	var row loginThrottle
	err := tx.Where("key = ?", key).Take(&row).Error
	if err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
		return err
	}
	failures := row.Failures
	if err != nil || now.Sub(row.UpdatedAt) > ThrottleWindow {
		failures = 0
	}
	failures++
	next := loginThrottle{Key: key, Failures: failures, UpdatedAt: now}
	if failures > free {
		block := time.Duration(math.Min(float64(MaxBlock), float64(time.Second)*math.Pow(2, float64(failures-free-1))))
		until := now.Add(block)
		next.BlockedUntil = &until
	}
	return tx.Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "key"}},
		DoUpdates: clause.AssignmentColumns([]string{"failures", "blocked_until", "updated_at"}),
	}).Create(&next).Error
}

// clearAccount forgets the failures of an account from an address after
// she proved her password there.
func (s *Store) clearAccount(ctx context.Context, email, ip string) error {
	return s.db.Global(ctx).Where("key = ?", accountKey(email, ip)).Delete(&loginThrottle{}).Error
}

// PruneThrottles removes counters idle for longer than ThrottleWindow.
func (s *Store) PruneThrottles(ctx context.Context, now time.Time) error {
	return s.db.Global(ctx).Where("updated_at < ? AND (blocked_until IS NULL OR blocked_until < ?)",
		now.Add(-ThrottleWindow), now).Delete(&loginThrottle{}).Error
}
