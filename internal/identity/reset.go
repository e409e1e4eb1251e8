package identity

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/audit"
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

// PasswordReset is a one-time link to choose a new password. Only the
// token's hash is stored; the token itself exists only in the link.
// IssuedIn names the group whose owner or admin made it (nil when the
// person asked for it by email).
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

// Resets owns password reset links: their table, the rules of who may
// issue one, the mail that sends one, their use and their pruning.
type Resets struct {
	DB       *db.DB
	Identity *Service
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
	token := NewToken("pdr_")
	now := r.Now()
	row := &PasswordReset{ID: db.NewID(), UserID: userID, TokenHash: HashToken(token),
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
