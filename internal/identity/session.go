package identity

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"time"

	"gorm.io/gorm"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
)

// Session is one login. Only the SHA-256 of its token is stored, so a copy
// of the database cannot be replayed as logins.
type Session struct {
	ID         string `gorm:"primaryKey"`
	UserID     string
	TokenHash  string
	CreatedAt  time.Time
	LastSeenAt time.Time
	ExpiresAt  time.Time
	RevokedAt  *time.Time
}

// NewToken returns a random 256-bit token, URL-safe, with a prefix that says
// what it is (so a leaked token is recognisable in secret scanners).
func NewToken(prefix string) string {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("identity: no randomness: " + err.Error())
	}
	return prefix + base64.RawURLEncoding.EncodeToString(b[:])
}

// HashToken returns the stored form of a token.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// CreateSession stores a new session for userID and returns its token.
func (s *Store) CreateSession(ctx context.Context, userID string, now time.Time, absolute time.Duration) (string, *Session, error) {
	token := NewToken("pds_")
	sess := &Session{
		ID: db.NewID(), UserID: userID, TokenHash: HashToken(token),
		CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(absolute),
	}
	if err := s.db.Global(ctx).Create(sess).Error; err != nil {
		return "", nil, err
	}
	return token, sess, nil
}

// SessionByToken returns the live session for token: not revoked, not past
// its absolute expiry, and used within idle.
func (s *Store) SessionByToken(ctx context.Context, token string, now time.Time, idle time.Duration) (*Session, error) {
	var sess Session
	err := s.db.Global(ctx).
		Where("token_hash = ? AND revoked_at IS NULL AND expires_at > ? AND last_seen_at > ?",
			HashToken(token), now, now.Add(-idle)).
		Take(&sess).Error
	if err != nil {
		if db.IsNotFound(err) {
			return nil, errs.ErrUnauthenticated
		}
		return nil, err
	}
	return &sess, nil
}

// liveSessionUser reads a live session and its user in one statement; the
// columns are those of Session and User, scanned in this order.
const liveSessionUser = `SELECT s.id, s.user_id, s.token_hash, s.created_at, s.last_seen_at, s.expires_at, s.revoked_at,
	u.id, u.email, u.name, u.phone, u.password_hash, u.locale, u.disabled_at, u.email_verified_at,
	u.password_changed_at, u.created_at, u.updated_at
	FROM sessions s JOIN users u ON u.id = s.user_id
	WHERE s.token_hash = ? AND s.revoked_at IS NULL AND s.expires_at > ? AND s.last_seen_at > ?`

// SessionUser returns the live session for token (as SessionByToken) with
// its user, in one round trip: every signed-in request asks this first.
func (s *Store) SessionUser(ctx context.Context, token string, now time.Time, idle time.Duration) (*Session, *User, error) {
	var sess Session
	var u User
	err := s.db.Global(ctx).Raw(liveSessionUser, HashToken(token), now, now.Add(-idle)).Row().Scan(
		&sess.ID, &sess.UserID, &sess.TokenHash, &sess.CreatedAt, &sess.LastSeenAt, &sess.ExpiresAt, &sess.RevokedAt,
		&u.ID, &u.Email, &u.Name, &u.Phone, &u.PasswordHash, &u.Locale, &u.DisabledAt, &u.EmailVerifiedAt,
		&u.PasswordChangedAt, &u.CreatedAt, &u.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, errs.ErrUnauthenticated
	}
	if err != nil {
		return nil, nil, err
	}
	return &sess, &u, nil
}

// TouchSession records use of a session, at most once a minute, so the idle
// timeout slides without a write on every request.
func (s *Store) TouchSession(ctx context.Context, sess *Session, now time.Time) error {
	if now.Sub(sess.LastSeenAt) < time.Minute {
		return nil
	}
	return s.db.Global(ctx).Model(&Session{}).Where("id = ?", sess.ID).Update("last_seen_at", now).Error
}

// RevokeSession ends one session at once.
func (s *Store) RevokeSession(ctx context.Context, id string, now time.Time) error {
	return s.db.Global(ctx).Model(&Session{}).Where("id = ? AND revoked_at IS NULL", id).Update("revoked_at", now).Error
}

// RevokeUserSessions ends every session of userID except keepID (may be "").
func (s *Store) RevokeUserSessions(ctx context.Context, userID, keepID string, now time.Time) error {
	return revokeSessions(s.db.Global(ctx), userID, keepID, now)
}

func revokeSessions(tx *gorm.DB, userID, keepID string, now time.Time) error {
	q := tx.Model(&Session{}).Where("user_id = ? AND revoked_at IS NULL", userID)
	if keepID != "" {
		q = q.Where("id <> ?", keepID)
	}
	return q.Update("revoked_at", now).Error
}

// SessionRetention is how long an ended session's row is kept: long enough
// to answer "which sessions did she have last month", no longer.
const SessionRetention = 30 * 24 * time.Hour

// PruneSessions deletes sessions that expired or were revoked more than
// SessionRetention ago, so the table holds only live and recent logins.
func (s *Store) PruneSessions(ctx context.Context, now time.Time) (int64, error) {
	cutoff := now.Add(-SessionRetention)
	res := s.db.Global(ctx).Where("expires_at < ? OR revoked_at < ?", cutoff, cutoff).Delete(&Session{})
	return res.RowsAffected, res.Error
}
