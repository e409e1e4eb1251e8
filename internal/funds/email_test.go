package funds_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/jobs"
	"github.com/peduli/peduli/internal/platform/config"
	"github.com/peduli/peduli/internal/testkit"
)

func TestReceiptEmailAndYearlySummary(t *testing.T) {
	for _, d := range testkit.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			sink := testkit.NewSMTPSink(t)
			e := testkit.New(t, d, testkit.WithStripe(testkit.StripeMockURL(t)), func(c *config.Config) {
				c.SMTPURL = sink.URL("kas@peduli.example")
			})
			e.StartJobs()
			e.Logs.Forbid("maria.donatur@example.org", "Maria Donatur")
			g := e.ProvisionedGroup(rindu)
			facilitator := e.AddMember(g, access.Facilitator)

			id, cs := giveOnline(t, e, rindu, 5000000, "once")
			deliver(e, completed("evt_mail_"+id, id, cs, 5000000)).Expect(http.StatusOK)
			mails := sink.Wait(t, 1, 15*time.Second)
			if len(mails) != 1 || !strings.Contains(mails[0], "maria.donatur@example.org") || !strings.Contains(mails[0], "/receipts/") {
				t.Fatalf("receipt email: %q", mails)
			}
			// a replay sends nothing more
			deliver(e, completed("evt_mail_"+id, id, cs, 5000000)).Expect(http.StatusOK)
			time.Sleep(2 * jobs.PollEvery)
			if n := len(sink.All()); n != 1 {
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
			if sent["sent"].(float64) < 1 {
				t.Fatalf("summaries sent %v", sent)
			}
			summary := sink.Wait(t, 2, 15*time.Second)[1]
			if !strings.Contains(summary, "maria.donatur@example.org") || !strings.Contains(summary, "Ringkasan donasi tahun "+now) {
				t.Fatalf("summary mail: %s", summary)
			}
		})
	}
}
