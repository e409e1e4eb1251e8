package funds

import (
	"context"
	"fmt"
	"net"
	"net/smtp"
	"net/url"
	"strings"
)

// Mailer sends receipts by email through the SMTP server in
// PEDULI_SMTP_URL (smtp://user:pass@host:port?from=address).
type Mailer struct {
	addr string
	auth smtp.Auth
	from string
}

// NewMailer parses the SMTP URL; an empty URL gives nil (no email: the
// receipt stays available by its link).
func NewMailer(raw string) (*Mailer, error) {
	if raw == "" {
		return nil, nil
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("PEDULI_SMTP_URL is not a URL like smtp://user:pass@host:587?from=a@b")
	}
	m := &Mailer{addr: u.Host, from: u.Query().Get("from")}
	if _, _, err := net.SplitHostPort(u.Host); err != nil {
		m.addr = net.JoinHostPort(u.Host, "25")
	}
	if m.from == "" {
		m.from = "noreply@" + u.Hostname()
	}
	if u.User != nil {
		pass, _ := u.User.Password()
		m.auth = smtp.PlainAuth("", u.User.Username(), pass, u.Hostname())
	}
	return m, nil
}

// Send sends one plain-text message.
func (m *Mailer) Send(to, subject, body string) error {
	msg := "From: " + m.from + "\r\nTo: " + to + "\r\nSubject: " + subject +
		"\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" +
		strings.ReplaceAll(body, "\n", "\r\n")
	return smtp.SendMail(m.addr, m.auth, m.from, []string{to}, []byte(msg))
}

// sendReceipts emails the receipt links of gifts that just succeeded. It
// runs after the commit; a failed email is logged and the receipt stays
// available by its link.
func (s *Service) sendReceipts(ctx context.Context, tenantID string, donationIDs []string) {
	if s.Mailer == nil || len(donationIDs) == 0 {
		return
	}
	for _, id := range donationIDs {
		r, err := s.receiptByID(ctx, tenantID, id)
		if err != nil || r.Donation.DonorEmail == "" {
			continue
		}
		subject, body := receiptEmail(r, s.BaseURL+"/receipts/"+s.receiptToken(tenantID, id))
		if err := s.Mailer.Send(r.Donation.DonorEmail, subject, body); err != nil {
			// the SMTP error may quote the address, so it is not logged
			s.Log.Warn("receipt email not sent", "tenant", tenantID, "donation", id)
		}
	}
}

func receiptEmail(r *Receipt, link string) (string, string) {
	if r.Donation.Locale == "en" {
		return "Your receipt " + r.Donation.ReceiptNumber,
			"Thank you for your gift to " + r.GroupName + ".\n\nYour receipt: " + link + "\n"
	}
	return "Tanda terima donasi " + r.Donation.ReceiptNumber,
		"Terima kasih atas donasi Anda untuk " + r.GroupName + ".\n\nTanda terima: " + link + "\n"
}
