// Package identity holds users, passwords and sessions: who someone is.
// What she may do lives in package access.
package identity

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
)

// User is a person who logs in. Users belong to no tenant; their roles in
// tenants and regions live in casbin.
type User struct {
	ID                string     `gorm:"primaryKey" json:"id"`
	Email             string     `json:"email"`
	Name              string     `json:"name"`
	Phone             string     `json:"phone,omitempty"`
	PasswordHash      string     `json:"-"`
	Locale            string     `json:"locale,omitempty"`
	DisabledAt        *time.Time `json:"-"`
	EmailVerifiedAt   *time.Time `json:"-"`
	PasswordChangedAt time.Time  `json:"-"`
	CreatedAt         time.Time  `json:"created_at"`
	UpdatedAt         time.Time  `json:"-"`
}

// NormalizeEmail lower-cases and trims an address so look-ups are exact.
func NormalizeEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// Store reads and writes users and sessions.
type Store struct{ db *db.DB }

// NewStore returns a Store on d.
func NewStore(d *db.DB) *Store { return &Store{db: d} }

// User returns the user with id.
func (s *Store) User(ctx context.Context, id string) (*User, error) {
	var u User
	if !db.ValidID(id) {
		return nil, errs.ErrNotFound
	}
	if err := s.db.Global(ctx).Where("id = ?", id).Take(&u).Error; err != nil {
		return nil, notFound(err)
	}
	return &u, nil
}

// UserByEmail returns the user with the (normalised) email.
func (s *Store) UserByEmail(ctx context.Context, email string) (*User, error) {
	var u User
	if err := s.db.Global(ctx).Where("email = ?", NormalizeEmail(email)).Take(&u).Error; err != nil {
		return nil, notFound(err)
	}
	return &u, nil
}

// Users returns the users with the given ids, in no particular order.
func (s *Store) Users(ctx context.Context, ids []string) ([]User, error) {
	var out []User
	if len(ids) == 0 {
		return out, nil
	}
	err := s.db.Global(ctx).Where("id IN ?", ids).Find(&out).Error
	return out, err
}

func notFound(err error) error {
	if db.IsNotFound(err) {
		return errs.ErrNotFound
	}
	return err
}

// NamesIn maps the given users' ids to their names, read through q (the
// caller's transaction), for features that show who did something.
func NamesIn(q *gorm.DB, ids []string) (map[string]string, error) {
	out := make(map[string]string, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	var rows []struct{ ID, Name string }
	if err := q.Model(&User{}).Select("id, name").Where("id IN ?", ids).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("identity: names of users: %w", err)
	}
	for _, r := range rows {
		out[r.ID] = r.Name
	}
	return out, nil
}

// HasUsers reports whether any account exists (false on a first run).
func (s *Store) HasUsers(ctx context.Context) (bool, error) {
	var n int64
	if err := s.db.Global(ctx).Model(&User{}).Count(&n).Error; err != nil {
		return false, fmt.Errorf("identity: any user: %w", err)
	}
	return n > 0, nil
}
