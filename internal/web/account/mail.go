package account

import (
	"context"
	"fmt"
	"mime"
	"net"
	"net/mail"
	"net/smtp"
	"net/url"
	"strings"
	"time"
)

// Message is one plain-text email.
type Message struct {
	To      string
	Subject string
	Body    string
}

// Mailer sends email.
type Mailer interface {
	Send(ctx context.Context, m Message) error
}

// SMTP sends mail through the server named by PEDULI_SMTP_URL:
// smtp://user:pass@host:port?from=noreply@example.org (STARTTLS when the
// server offers it; net/smtp refuses to send a password in the clear to any
// host but localhost).
type SMTP struct {
	addr string
	host string
	auth smtp.Auth
	from string
}

// NewSMTP parses an smtp:// URL; an empty URL gives nil (no mail).
func NewSMTP(raw string) (*SMTP, error) {
	if raw == "" {
		return nil, nil
	}
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "smtp" || u.Host == "" {
		return nil, fmt.Errorf("PEDULI_SMTP_URL must look like smtp://user:pass@host:port?from=address")
	}
	from := u.Query().Get("from")
	if _, err := mail.ParseAddress(from); err != nil {
		return nil, fmt.Errorf("PEDULI_SMTP_URL needs ?from=<sender address>")
	}
	s := &SMTP{addr: u.Host, host: u.Hostname(), from: from}
	if u.Port() == "" {
		s.addr = net.JoinHostPort(u.Host, "587")
	}
	if u.User != nil {
		pass, _ := u.User.Password()
		s.auth = smtp.PlainAuth("", u.User.Username(), pass, s.host)
	}
	return s, nil
}

// Send delivers m, giving up after 20 seconds.
func (s *SMTP) Send(ctx context.Context, m Message) error {
	if strings.ContainsAny(m.To+m.Subject, "\r\n") {
		return fmt.Errorf("mail: header with a line break")
	}
	msg := "From: " + s.from + "\r\nTo: " + m.To + "\r\nSubject: " + mime.BEncoding.Encode("UTF-8", m.Subject) +
		"\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nDate: " +
		time.Now().UTC().Format(time.RFC1123Z) + "\r\n\r\n" + strings.ReplaceAll(m.Body, "\n", "\r\n")
	done := make(chan error, 1)
	go func() { done <- smtp.SendMail(s.addr, s.auth, s.from, []string{m.To}, []byte(msg)) }()
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}
