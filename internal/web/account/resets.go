package account

import (
	"context"
	"time"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
)

// How long reset links work: a link a group's admin shares by WhatsApp may
// wait a day for the person to see it; an emailed link is used at once.
const (
	IssuedResetTTL = 24 * time.Hour
	EmailResetTTL  = time.Hour
	// EmailResetGap is the least time between two reset mails to one person.
	EmailResetGap = 5 * time.Minute
)

// PasswordReset is a one-time link to choose a new password. Only the
// token's hash is stored; the token itself exists only in the link.
type PasswordReset struct {
	ID        string `gorm:"primaryKey"`
	UserID    string
	TokenHash string
	IssuedBy  *string
	IssuedIn  *string
	ExpiresAt time.Time
	UsedAt    *time.Time
	CreatedAt time.Time
}

// Resets owns the rules of password reset links.
type Resets struct {
	DB       *db.DB
	Identity *identity.Service
	Access   *access.Enforcer
	Mailer   Mailer // nil when PEDULI_SMTP_URL is not set
	BaseURL  string
	Now      func() time.Time
}

// URL is the link a token opens.
func (r *Resets) URL(token string) string { return r.BaseURL + "/password/reset/" + token }

func (r *Resets) create(ctx context.Context, userID string, by, in *string, ttl time.Duration) (string, error) {
	token := identity.NewToken("pdr_")
	now := r.Now()
	row := &PasswordReset{ID: db.NewID(), UserID: userID, TokenHash: identity.HashToken(token),
		IssuedBy: by, IssuedIn: in, ExpiresAt: now.Add(ttl), CreatedAt: now}
	return token, r.DB.Global(ctx).Create(row).Error
}

// ErrResetElsewhere refuses a link for someone who also belongs elsewhere:
// whoever holds the link controls her whole account, so one group's admin
// must not get power over her other groups or regions.
var ErrResetElsewhere = errs.Conflict("reset_elsewhere",
	"this person also belongs to another group or region; she must reset her password by email")

// IssueForMember makes a reset link for a member of the actor's group, to be
// shared with her (often by WhatsApp). Only an owner may issue one for an
// owner; nobody for a person who holds roles outside this group.
func (r *Resets) IssueForMember(ctx context.Context, scope db.Scope, actor audit.Actor, actorRole access.Role, userID string) (string, error) {
	role, ok := r.Access.RoleIn(userID, scope.TenantID())
	if !ok {
		return "", errs.ErrNotFound
	}
	if role == access.Owner && actorRole != access.Owner {
		return "", errs.ErrForbidden
	}
	if elsewhere, err := r.Access.RolesElsewhere(ctx, userID, scope.TenantID()); err != nil {
		return "", err
	} else if elsewhere {
		return "", ErrResetElsewhere
	}
	tenantID := scope.TenantID()
	token, err := r.create(ctx, userID, &actor.UserID, &tenantID, IssuedResetTTL)
	if err != nil {
		return "", err
	}
	err = scope.Write(ctx, func(t *db.Tenant) error {
		return audit.Record(t, actor, "issue", "password_reset", userID)
	})
	return token, err
}

// RequestByEmail mails a reset link to the address when an account has it
// and mail is configured. It answers the same either way, so the form
// cannot tell who has an account.
func (r *Resets) RequestByEmail(ctx context.Context, email string, mail func(u *identity.User, url string) Message) error {
	if r.Mailer == nil {
		return nil
	}
	u, err := r.Identity.Store.UserByEmail(ctx, email)
	if err != nil || u.DisabledAt != nil {
		return nil
	}
	// One mail per person every few minutes, so the form cannot be used to
	// flood someone's inbox.
	var recent int64
	if err := r.DB.Global(ctx).Model(&PasswordReset{}).
		Where("user_id = ? AND issued_by IS NULL AND created_at > ?", u.ID, r.Now().Add(-EmailResetGap)).
		Count(&recent).Error; err != nil {
		return err
	}
	if recent > 0 {
		return nil
	}
	token, err := r.create(ctx, u.ID, nil, nil, EmailResetTTL)
	if err != nil {
		return err
	}
	return r.Mailer.Send(ctx, mail(u, r.URL(token)))
}

// Valid returns the open reset behind token, or ErrNotFound when it is
// unknown, used or expired.
func (r *Resets) Valid(ctx context.Context, token string) (*PasswordReset, error) {
	var pr PasswordReset
	err := r.DB.Global(ctx).Where("token_hash = ? AND used_at IS NULL AND expires_at > ?",
		identity.HashToken(token), r.Now()).Take(&pr).Error
	if db.IsNotFound(err) {
		return nil, errs.ErrNotFound
	}
	return &pr, err
}

// Use sets a new password with a reset link, once. Every open link of the
// person is spent with it and all her sessions end.
func (r *Resets) Use(ctx context.Context, token, password string) (string, error) {
	if msg := identity.CheckPasswordRules(password); msg != "" {
		return "", errs.Invalid("password", "password", msg)
	}
	pr, err := r.Valid(ctx, token)
	if err != nil {
		return "", err
	}
	res := r.DB.Global(ctx).Model(&PasswordReset{}).Where("user_id = ? AND used_at IS NULL", pr.UserID).
		Update("used_at", r.Now())
	if res.Error != nil {
		return "", res.Error
	}
	if res.RowsAffected == 0 {
		return "", errs.ErrNotFound
	}
	return pr.UserID, r.Identity.SetPassword(ctx, pr.UserID, password)
}

// ResetRetention is how long a used or expired reset link's row is kept.
const ResetRetention = 7 * 24 * time.Hour

// PruneResets deletes reset links used or expired more than ResetRetention
// ago; a link past that can never work again, and its row says nothing new.
func PruneResets(ctx context.Context, d *db.DB, now time.Time) (int64, error) {
	cutoff := now.Add(-ResetRetention)
	res := d.Global(ctx).Where("expires_at < ? OR used_at < ?", cutoff, cutoff).Delete(&PasswordReset{})
	return res.RowsAffected, res.Error
}
