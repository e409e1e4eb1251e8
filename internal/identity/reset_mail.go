package identity

import (
	"context"
	"errors"

	"github.com/riverqueue/river"

	"github.com/peduli/peduli/internal/jobs"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/platform/mail"
)

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
