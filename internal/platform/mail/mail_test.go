package mail

import (
	"strings"
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	s, err := Parse("smtp://kas:rahasia@mail.example.org?from=noreply@peduli.example")
	if err != nil || s.addr != "mail.example.org:587" || s.from != "noreply@peduli.example" || s.user != "kas" || s.pass != "rahasia" {
		t.Fatalf("parse: %+v %v", s, err)
	}
	if s, err := Parse("smtp://127.0.0.1:2525?from=a@b.example"); err != nil || s.addr != "127.0.0.1:2525" {
		t.Fatalf("explicit port: %+v %v", s, err)
	}
	if s, err := Parse(""); s != nil || err != nil {
		t.Fatalf("empty URL: %v %v", s, err)
	}
	for _, bad := range []string{
		"smtp://mail.example.org",                        // no sender
		"smtp://mail.example.org?from=not-an-address",    // sender not an address
		"smtp://mail.example.org?from=Kas <a@b.example>", // a name is not an address
		"http://mail.example.org?from=a@b.example",       // not smtp
		"smtp:///?from=a@b.example",                      // no host
	} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestComposeKeepsHeadersWhole(t *testing.T) {
	s, _ := Parse("smtp://mail.example.org?from=noreply@peduli.example")
	s.now = func() time.Time { return time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC) }
	msg, err := s.Compose(Message{To: "maria@example.org", Subject: "Tanda terima donasi — Rp 50.000",
		Body: "Baris satu\nBaris dua\r\n.\n"})
	if err != nil {
		t.Fatal(err)
	}
	text := string(msg)
	for _, want := range []string{
		"From: noreply@peduli.example\r\n", "To: <maria@example.org>\r\n",
		"Subject: =?UTF-8?q?Tanda_terima_donasi_=E2=80=94_Rp_50.000?=\r\n",
		"Date: Sun, 29 Nov 2026 10:00:00 +0000\r\n", "Content-Type: text/plain; charset=UTF-8\r\n",
		"\r\n\r\nBaris satu\r\nBaris dua\r\n.\r\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("message lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(strings.ReplaceAll(text, "\r\n", ""), "\n") {
		t.Errorf("a bare line feed in:\n%q", text)
	}
	for _, m := range []Message{
		{To: "maria@example.org\r\nBcc: all@example.org", Subject: "x"},
		{To: "maria@example.org", Subject: "x\r\nBcc: all@example.org"},
		{To: "maria@example.org", Subject: "x\nBcc: all@example.org"},
		{To: "bukan alamat", Subject: "x"},
	} {
		if _, err := s.Compose(m); err == nil {
			t.Errorf("composed %+v", m)
		}
	}
}
