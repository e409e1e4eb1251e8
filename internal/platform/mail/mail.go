// Package mail is Peduli's one way to send email: a single SMTP sender
// configured by PEDULI_SMTP_URL. Features never send from a request; they
// enqueue a job that builds the message in the recipient's language and
// hands it to Sender.Send.
package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"mime"
	"net"
	"net/mail"
	"net/smtp"
	"net/textproto"
	"net/url"
	"strings"
	"time"
)

// DefaultPort is the submission port used when PEDULI_SMTP_URL names none.
const DefaultPort = "587"

// Timeout bounds one delivery: connecting, the whole dialogue and the data.
const Timeout = 20 * time.Second

// Message is one plain-text email.
type Message struct {
	To      string
	Subject string
	Body    string
}

// Sender sends messages.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// SMTP sends through the server named by PEDULI_SMTP_URL:
// smtp://user:pass@host:port?from=noreply@example.org. It upgrades to TLS
// when the server offers STARTTLS; net/smtp refuses to send a password in
// the clear to any host but localhost.
type SMTP struct {
	addr string
	host string
	user string
	pass string
	from string
	now  func() time.Time
}

// ErrHeader refuses a header value that would break the message's headers.
var ErrHeader = errors.New("mail: header value with a line break or control character")

// Parse reads PEDULI_SMTP_URL; an empty URL gives nil (no mail). The
// sender address (?from=) is required: a default like noreply@<smtp host>
// is rarely an address the server may send as.
func Parse(raw string) (*SMTP, error) {
	if raw == "" {
		return nil, nil
	}
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "smtp" || u.Host == "" {
		return nil, fmt.Errorf("PEDULI_SMTP_URL must look like smtp://user:pass@host:port?from=address")
	}
	from := u.Query().Get("from")
	if a, err := mail.ParseAddress(from); err != nil || a.Address != from {
		return nil, fmt.Errorf("PEDULI_SMTP_URL needs ?from=<sender address>")
	}
	s := &SMTP{addr: u.Host, host: u.Hostname(), from: from, now: time.Now}
	if u.Port() == "" {
		s.addr = net.JoinHostPort(u.Hostname(), DefaultPort)
	}
	if u.User != nil {
		s.user = u.User.Username()
		s.pass, _ = u.User.Password()
	}
	return s, nil
}

// From is the sender address.
func (s *SMTP) From() string { return s.from }

// Compose renders m as an RFC 5322 message: CRLF line ends, the subject
// MIME-encoded when it is not plain ASCII, and no header value that could
// start another header.
func (s *SMTP) Compose(m Message) ([]byte, error) {
	to, err := mail.ParseAddress(m.To)
	if err != nil || hasControl(m.To) {
		return nil, fmt.Errorf("mail: recipient is not an address: %w", ErrHeader)
	}
	if hasControl(m.Subject) {
		return nil, ErrHeader
	}
	var b strings.Builder
	b.WriteString("From: " + s.from + "\r\n")
	b.WriteString("To: " + to.String() + "\r\n")
	b.WriteString("Subject: " + mime.QEncoding.Encode("UTF-8", m.Subject) + "\r\n")
	b.WriteString("Date: " + s.now().UTC().Format(time.RFC1123Z) + "\r\n")
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
	body := strings.ReplaceAll(strings.ReplaceAll(m.Body, "\r\n", "\n"), "\r", "\n")
	b.WriteString(strings.ReplaceAll(body, "\n", "\r\n"))
	if !strings.HasSuffix(body, "\n") {
		b.WriteString("\r\n")
	}
	return []byte(b.String()), nil
}

// Send delivers m, giving up after Timeout or when ctx ends.
func (s *SMTP) Send(ctx context.Context, m Message) error {
	msg, err := s.Compose(m)
	if err != nil {
		return err
	}
	to, _ := mail.ParseAddress(m.To) // Compose checked it
	ctx, cancel := context.WithTimeout(ctx, Timeout)
	defer cancel()
	conn, err := (&net.Dialer{}).DialContext(ctx, "tcp", s.addr)
	if err != nil {
		return fmt.Errorf("mail: connect: %w", err)
	}
	deadline, _ := ctx.Deadline()
	if err := conn.SetDeadline(deadline); err != nil {
		_ = conn.Close()
		return err
	}
	// A context that ends early closes the connection, which ends the dialogue.
	stop := context.AfterFunc(ctx, func() { _ = conn.Close() })
	defer stop()
	c, err := smtp.NewClient(conn, s.host)
	if err != nil {
		_ = conn.Close()
		return fmt.Errorf("mail: greeting: %w", err)
	}
	defer c.Close()
	if err := s.dialogue(c, to.Address, msg); err != nil {
		return fmt.Errorf("mail: %w", err)
	}
	return c.Quit()
}

func (s *SMTP) dialogue(c *smtp.Client, to string, msg []byte) error {
	if err := c.Hello("localhost"); err != nil {
		return err
	}
	if ok, _ := c.Extension("STARTTLS"); ok {
		if err := c.StartTLS(&tls.Config{ServerName: s.host, MinVersion: tls.VersionTLS12}); err != nil {
			return err
		}
	}
	if s.user != "" {
		if err := c.Auth(smtp.PlainAuth("", s.user, s.pass, s.host)); err != nil {
			return err
		}
	}
	if err := c.Mail(s.from); err != nil {
		return err
	}
	if err := c.Rcpt(to); err != nil {
		return err
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(msg); err != nil {
		return err
	}
	return w.Close()
}

// hasControl reports a character that has no place in a header value.
func hasControl(s string) bool {
	for _, r := range s {
		if r < 0x20 || r == 0x7f {
			return true
		}
	}
	return false
}

// Redact keeps of a failed delivery only what may be logged and stored
// with a retried job: an SMTP server's reply can quote the recipient's
// address, so of a reply only its code survives.
func Redact(err error) error {
	var reply *textproto.Error
	if errors.As(err, &reply) {
		return fmt.Errorf("mail: SMTP server replied %d", reply.Code)
	}
	return err
}
