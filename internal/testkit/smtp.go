package testkit

import (
	"bufio"
	"net"
	"strings"
	"sync"
	"testing"
	"time"
)

// SMTPSink is a minimal SMTP server on 127.0.0.1 that keeps every message
// it receives, for tests of mail the product sends.
type SMTPSink struct {
	mu    sync.Mutex
	mail  []string
	ln    net.Listener
	delay time.Duration
}

// Slow makes the sink take d to accept each message, as a distant or busy
// mail server does; the message counts as received only after that.
func (s *SMTPSink) Slow(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.delay = d
}

// Wait returns the messages once at least n have arrived, failing the test
// after timeout: mail is sent by background jobs, after the request.
func (s *SMTPSink) Wait(t testing.TB, n int, timeout time.Duration) []string {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		if all := s.All(); len(all) >= n {
			return all
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d mails after %s, want %d", len(s.All()), timeout, n)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// NewSMTPSink starts a sink that stops when the test ends.
func NewSMTPSink(t testing.TB) *SMTPSink {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &SMTPSink{ln: ln}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go s.serve(c)
		}
	}()
	return s
}

// URL is the PEDULI_SMTP_URL that sends to the sink with the given sender.
func (s *SMTPSink) URL(from string) string { return "smtp://" + s.ln.Addr().String() + "?from=" + from }

// All returns every message received so far, headers and body.
func (s *SMTPSink) All() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.mail...)
}

func (s *SMTPSink) serve(c net.Conn) {
	defer c.Close()
	r := bufio.NewReader(c)
	say := func(l string) { _, _ = c.Write([]byte(l + "\r\n")) }
	say("220 sink")
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		cmd := strings.ToUpper(strings.TrimSpace(line))
		switch {
		case strings.HasPrefix(cmd, "EHLO"), strings.HasPrefix(cmd, "HELO"):
			say("250 sink")
		case cmd == "DATA":
			say("354 go on")
			var b strings.Builder
			for {
				l, err := r.ReadString('\n')
				if err != nil || l == ".\r\n" {
					break
				}
				b.WriteString(l)
			}
			s.mu.Lock()
			delay := s.delay
			s.mu.Unlock()
			time.Sleep(delay)
			s.mu.Lock()
			s.mail = append(s.mail, b.String())
			s.mu.Unlock()
			say("250 kept")
		case cmd == "QUIT":
			say("221 bye")
			return
		default:
			say("250 ok")
		}
	}
}
