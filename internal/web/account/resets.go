package account

import (
	"context"
	"errors"
	"time"

	"github.com/riverqueue/river"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/jobs"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/platform/i18n"
	"github.com/peduli/peduli/internal/platform/mail"
)

// How long reset links work: a link a group's admin shares by WhatsApp may
// wait a day for the person to see it; an emailed link is used at once.
const (
	IssuedResetTTL = 24 * time.Hour
	EmailResetTTL  = time.Hour
	// EmailResetGap is the least time between two reset mails to one person.
	EmailResetGap = 5 * time.Minute
)

// PasswordReset is a one-time link to choose a new password (identity
// keeps the rows; the rules of who may issue one live here).
type PasswordReset = identity.PasswordReset

// Resets owns the rules of password reset links.
type Resets struct {
	DB       *db.DB
	Identity *identity.Service
	Access   *access.Enforcer
	Mailer   mail.Sender // nil when PEDULI_SMTP_URL is not set
	Jobs     *jobs.Runner
	Texts    *i18n.Catalogue
	BaseURL  string
	Now      func() time.Time
}

// URL is the link a token opens.
func (r *Resets) URL(token string) string { return r.BaseURL + "/password/reset/" + token }

func (r *Resets) create(ctx context.Context, userID string, by, in *string, ttl time.Duration) (string, string, error) {
	token := identity.NewToken("pdr_")
	now := r.Now()
	row := &PasswordReset{ID: db.NewID(), UserID: userID, TokenHash: identity.HashToken(token),
		IssuedBy: by, IssuedIn: in, ExpiresAt: now.Add(ttl), CreatedAt: now}
	return token, row.ID, r.DB.Global(ctx).Create(row).Error
}

// ErrResetElsewhere refuses a link for someone who also belongs elsewhere:
// whoever holds the link controls her whole account, so one group's admin
// must not get power over her other groups or regions.
var ErrResetElsewhere = errs.Conflict("reset_elsewhere",
	"this person also belongs to another group or region; she must reset her password by email")

// IssueForMember makes a reset link for a member of the actor's group, to be
// shared with her (often by WhatsApp). Only an owner may issue one for an
// owner; nobody for a person who holds roles outside this group. The same
// rule is checked again when the link is used.
func (r *Resets) IssueForMember(ctx context.Context, scope db.Scope, actor audit.Actor, actorRole access.Role, userID string) (string, error) {
	tenantID := scope.TenantID()
	if _, ok := r.Access.RoleIn(userID, tenantID); !ok {
		return "", errs.ErrNotFound
	}
	var grants []access.Grant
	err := r.DB.GlobalTx(ctx, func(tx *gorm.DB) (err error) {
		grants, err = access.StoredGrants(tx, userID)
		return err
	})
	if err != nil {
		return "", err
	}
	if err := resetRule(grants, tenantID, actorRole, r.Access.RoleMay(actorRole, access.TeamWrite)); err != nil {
		return "", err
	}
	token, _, err := r.create(ctx, userID, &actor.UserID, &tenantID, IssuedResetTTL)
	if err != nil {
		return "", err
	}
	err = scope.Write(ctx, func(t *db.Tenant) error {
		return audit.Record(t, actor, "issue", "password_reset", userID)
	})
	return token, err
}

// resetRule is who a group's owner or admin may make a reset link for:
// a person whose only role anywhere is in tenantID, and who is not its owner
// unless the issuer is one. issuerRole is the issuer's role in tenantID
// mayManage says whether that role may manage the team at all.
func resetRule(grants []access.Grant, tenantID string, issuerRole access.Role, mayManage bool) error {
	if !mayManage {
		return errs.ErrForbidden
	}
	var role access.Role
	for _, g := range grants {
		if g.TenantID != tenantID {
			return ErrResetElsewhere
		}
		role = g.Role
	}
	if role == "" {
		return errs.ErrNotFound
	}
	if role == access.Owner && issuerRole != access.Owner {
		return errs.ErrForbidden
	}
	return nil
}

// stillAllowed checks an issued link's rule again as it is used, reading
// the roles as stored through q (the transaction that spends the link).
// A link the person asked for by email went to her own address and needs
// no group's say.
func (r *Resets) stillAllowed(q *gorm.DB, pr *PasswordReset) error {
	if pr.IssuedIn == nil {
		return nil
	}
	if pr.IssuedBy == nil {
		return errs.ErrForbidden
	}
	grants, err := access.StoredGrants(q, pr.UserID)
	if err != nil {
		return err
	}
	team, err := access.StoredTeam(q, *pr.IssuedIn)
	if err != nil {
		return err
	}
	issuerRole, ok := team[*pr.IssuedBy]
	return resetRule(grants, *pr.IssuedIn, issuerRole, ok && r.Access.RoleMay(issuerRole, access.TeamWrite))
}

// refused reports whether err is the rule saying no (rather than a fault).
func refused(err error) bool {
	var ce *errs.ConflictError
	return errors.Is(err, errs.ErrForbidden) || errors.Is(err, errs.ErrNotFound) || errors.As(err, &ce)
}

// RequestByEmail queues a reset mail when an account has the address and
// mail is configured, and returns without waiting for it: the answer, and
// the time it takes, are the same whether the address has an account or
// not. The mail is written and sent by MailReset.
func (r *Resets) RequestByEmail(ctx context.Context, email string) error {
	if r.Mailer == nil {
		return nil
	}
	u, err := r.Identity.Store.UserByEmail(ctx, email)
	if err != nil || u.DisabledAt != nil {
		return nil
	}
	// One waiting mail per person: asking again before it went adds nothing.
	return r.Jobs.Enqueue(ctx, ResetMail{UserID: u.ID}, jobs.Once)
}

// ResetMail is the job that mails a person a link to choose a new password.
// It names the person only; the link is made when the mail is sent, so no
// token is ever stored outside its hash.
type ResetMail struct {
	UserID string `json:"user_id"`
}

// Kind names the job in the queue.
func (ResetMail) Kind() string { return "password_reset_mail" }

// MailReset works a ResetMail job: at most one mail per person every
// EmailResetGap (so the form cannot flood an inbox), in her language. A
// link whose mail did not go out is removed again before the job retries.
func (r *Resets) MailReset(ctx context.Context, job *river.Job[ResetMail]) error {
	if r.Mailer == nil {
		return nil
	}
	u, err := r.Identity.Store.User(ctx, job.Args.UserID)
	if errors.Is(err, errs.ErrNotFound) || (err == nil && u.DisabledAt != nil) {
		return nil
	}
	if err != nil {
		return err
	}
	var recent int64
	if err := r.DB.Global(ctx).Model(&PasswordReset{}).
		Where("user_id = ? AND issued_by IS NULL AND created_at > ?", u.ID, r.Now().Add(-EmailResetGap)).
		Count(&recent).Error; err != nil {
		return err
	}
	if recent > 0 {
		return nil
	}
	token, id, err := r.create(ctx, u.ID, nil, nil, EmailResetTTL)
	if err != nil {
		return err
	}
	loc := r.Texts.Localizer(u.Locale)
	msg := mail.Message{To: u.Email, Subject: loc.T("reset.mail_subject"),
		Body: loc.T("reset.mail_body", "Name", u.Name, "URL", r.URL(token))}
	if err := r.Mailer.Send(ctx, msg); err != nil {
		if derr := r.DB.Global(context.WithoutCancel(ctx)).Where("id = ?", id).Delete(&PasswordReset{}).Error; derr != nil {
			return derr
		}
		return mail.Redact(err)
	}
	return nil
}

// open reads the open reset behind token through q, locking its row on
// PostgreSQL when lock is set; ErrNotFound when it is unknown, used or
// expired.
func (r *Resets) open(q *gorm.DB, token string, lock bool) (*PasswordReset, error) {
	if lock && r.DB.Dialect == db.Postgres {
		q = q.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	var pr PasswordReset
	err := q.Where("token_hash = ? AND used_at IS NULL AND expires_at > ?", identity.HashToken(token), r.Now()).
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
	if msg := identity.CheckPasswordRules(password); msg != "" {
		return "", errs.Invalid("password", "password", msg)
	}
	hash, err := identity.HashPassword(password)
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
		res := tx.Model(&PasswordReset{}).Where("user_id = ? AND used_at IS NULL", pr.UserID).Update("used_at", now)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return errs.ErrNotFound
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
	return res.RowsAffected, res.Error
}
