package funds

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"github.com/riverqueue/river"

	"github.com/peduli/peduli/internal/jobs"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/platform/mail"
)

// ReceiptMail is the job that emails a donor her receipt link. It names the
// donation only; the worker reads the address when it sends.
type ReceiptMail struct {
	TenantID   string `json:"tenant_id"`
	DonationID string `json:"donation_id"`
}

// Kind names the job in the queue.
func (ReceiptMail) Kind() string { return "receipt_mail" }

// queueReceipts queues the receipt mails of gifts that just succeeded, in
// the transaction that settled them: the mail is sent if and only if the
// settlement commits, after the webhook or reconciliation has answered,
// and once per donation.
func (s *Service) queueReceipts(tx *db.Tenant, donationIDs []string) error {
	if s.Mailer == nil || s.Jobs == nil {
		return nil
	}
	for _, id := range donationIDs {
		if err := s.Jobs.EnqueueTx(tx.DB(), ReceiptMail{TenantID: tx.ID, DonationID: id}, jobs.Ever); err != nil {
			return err
		}
	}
	return nil
}

// MailReceipt works a ReceiptMail job. A gift without an email address
// needs no mail; the receipt stays available by its link either way.
func (s *Service) MailReceipt(ctx context.Context, job *river.Job[ReceiptMail]) error {
	if s.Mailer == nil {
		return nil
	}
	r, err := s.receiptByID(ctx, job.Args.TenantID, job.Args.DonationID)
	if errors.Is(err, errs.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if r.Donation.DonorEmail == "" {
		return nil
	}
	loc := s.Texts.Localizer(r.Donation.Locale)
	link := s.BaseURL + "/receipts/" + s.receiptToken(job.Args.TenantID, job.Args.DonationID)
	return mail.Redact(s.Mailer.Send(ctx, mail.Message{To: r.Donation.DonorEmail,
		Subject: loc.T("funds.mail.receipt_subject", "Number", r.Donation.ReceiptNumber),
		Body:    loc.T("funds.mail.receipt_body", "Group", r.GroupName, "URL", link)}))
}

// SummaryMail is the job that emails one donor her gifts of a year. It
// names her by a hash of her address, so the queue keeps no address.
type SummaryMail struct {
	TenantID string `json:"tenant_id"`
	Year     int    `json:"year"`
	Donor    string `json:"donor"`
}

// Kind names the job in the queue.
func (SummaryMail) Kind() string { return "yearly_summary_mail" }

func donorKey(email string) string {
	h := sha256.Sum256([]byte(strings.ToLower(email)))
	return hex.EncodeToString(h[:])
}

// MailSummary works a SummaryMail job: it recomputes the donor's summary
// (so it is current when sent) and mails it in her language.
func (s *Service) MailSummary(ctx context.Context, job *river.Job[SummaryMail]) error {
	if s.Mailer == nil {
		return nil
	}
	scope := s.DB.Scope(job.Args.TenantID)
	sums, err := s.YearlySummaries(ctx, scope, job.Args.Year)
	if err != nil {
		return err
	}
	group, err := s.Tenancy.Store.TenantByID(ctx, job.Args.TenantID)
	if errors.Is(err, errs.ErrNotFound) {
		return nil // the group is gone: nobody to write for
	}
	if err != nil {
		return fmt.Errorf("funds: summary mail: %w", err)
	}
	for _, sum := range sums {
		if donorKey(sum.DonorEmail) != job.Args.Donor {
			continue
		}
		subject, body := s.summaryEmail(sum, group.Name)
		return mail.Redact(s.Mailer.Send(ctx, mail.Message{To: sum.DonorEmail, Subject: subject, Body: body}))
	}
	return nil
}

func (s *Service) summaryEmail(sum YearlySummary, group string) (string, string) {
	loc := s.Texts.Localizer(sum.locale)
	var b strings.Builder
	b.WriteString(loc.T("funds.mail.summary_intro", "Group", group, "Year", sum.Year) + "\n\n")
	for _, g := range sum.Gifts {
		fmt.Fprintf(&b, "%s  %s  %s\n", g.Date, Rupiah(g.Amount), g.ReceiptNumber)
	}
	b.WriteString("\n" + loc.T("funds.mail.summary_total", "Total", Rupiah(sum.Total)) + "\n")
	return loc.T("funds.mail.summary_subject", "Year", sum.Year), b.String()
}
