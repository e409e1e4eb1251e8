package identity

import (
	"context"

	"github.com/riverqueue/river"

	"github.com/peduli/peduli/internal/platform/i18n"
	"github.com/peduli/peduli/internal/platform/mail"
)

// VerificationMail mails verification links through m in the person's
// language; nil when mail is not configured.
func VerificationMail(m mail.Sender, cat *i18n.Catalogue) VerificationMailer {
	if m == nil {
		return nil
	}
	return func(ctx context.Context, u *User, url string) error {
		loc := cat.Localizer(u.Locale)
		err := m.Send(ctx, mail.Message{To: u.Email, Subject: loc.T("verify.mail_subject"),
			Body: loc.T("verify.mail_body", "Name", u.Name, "URL", url)})
		return mail.Redact(err)
	}
}

// VerifyMail is the job that mails a person a link to verify her address.
// It names the person and the address's hash (never the address); the link
// is made when the mail is sent, so no token is ever stored outside its
// hash. The address's hash keeps a job for a changed address from being
// taken for a duplicate of the last one.
type VerifyMail struct {
	UserID      string `json:"user_id"`
	AddressHash string `json:"address_sha256"`
}

// Kind names the job in the queue.
func (VerifyMail) Kind() string { return "email_verification_mail" }

// WorkVerifyMail works a VerifyMail job.
func (s *Service) WorkVerifyMail(ctx context.Context, job *river.Job[VerifyMail]) error {
	return s.MailVerificationLink(ctx, job.Args.UserID, job.Args.AddressHash)
}
