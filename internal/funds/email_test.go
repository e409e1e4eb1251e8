package funds_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/platform/config"
	"github.com/peduli/peduli/internal/testkit"
)

// smtpSink is a tiny SMTP server that keeps every message it receives.
type smtpSink struct {
	mu   sync.Mutex
	mail []string
	ln   net.Listener
}

func newSMTPSink(t *testing.T) *smtpSink {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &smtpSink{ln: ln}
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

func (s *smtpSink) serve(c net.Conn) {
	defer c.Close()
	r := bufio.NewReader(c)
	say := func(l string) { c.Write([]byte(l + "\r\n")) }
	say("220 sink")
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		switch cmd := strings.ToUpper(strings.TrimSpace(line)); {
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

func (s *smtpSink) all() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.mail...)
}

func TestReceiptEmailAndYearlySummary(t *testing.T) {
	for _, d := range testkit.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			sink := newSMTPSink(t)
			e := testkit.New(t, d, testkit.WithStripe(testkit.StripeMockURL(t)), func(c *config.Config) {
				c.SMTPURL = "smtp://" + sink.ln.Addr().String() + "?from=kas@peduli.example"
			})
			e.Logs.Forbid("maria.donatur@example.org", "Maria Donatur")
			g := e.ProvisionedGroup(rindu)
			facilitator := e.AddMember(g, access.Facilitator)

			id, cs := giveOnline(t, e, rindu, 5000000, "once")
			deliver(e, completed("evt_mail_"+id, id, cs, 5000000)).Expect(http.StatusOK)
			mails := sink.all()
			if len(mails) != 1 || !strings.Contains(mails[0], "maria.donatur@example.org") || !strings.Contains(mails[0], "/receipts/") {
				t.Fatalf("receipt email: %q", mails)
			}
			// a replay sends nothing more
			deliver(e, completed("evt_mail_"+id, id, cs, 5000000)).Expect(http.StatusOK)
			if n := len(sink.all()); n != 1 {
				t.Fatalf("%d emails after a replay", n)
			}

			year := "/api/v1/t/" + rindu + "/donations/yearly"
			now := fmt.Sprint(time.Now().In(time.FixedZone("WITA", 8*3600)).Year())
			var mine map[string]any
			for _, it := range e.Do(http.MethodGet, year+"?year="+now, g.OwnerToken, nil).Expect(http.StatusOK).Map()["items"].([]any) {
				if m := it.(map[string]any); m["donor_email"] == "maria.donatur@example.org" {
					mine = m
				}
			}
			if mine == nil || mine["total"].(float64) < 5000000 {
				t.Fatalf("yearly summary %v", mine)
			}
			e.Do(http.MethodGet, year+"?year="+now, facilitator.Token, nil).ExpectProblem(http.StatusForbidden, "forbidden")
			e.Do(http.MethodGet, year+"?year=soon", g.OwnerToken, nil).ExpectProblem(422, "validation_failed")
			sent := e.Do(http.MethodPost, year+"/send", g.OwnerToken, map[string]any{"year": json.Number(now)}).Expect(http.StatusOK).Map()
			if sent["sent"].(float64) < 1 || len(sink.all()) < 2 {
				t.Fatalf("summaries sent %v", sent)
			}
		})
	}
}
