package browser_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/testkit"
)

// TestMeetingSheetOnAPhone: a treasurer, on a 360 px phone with
// JavaScript off, runs a 20-member meeting on one screen: picks the
// programme, ticks who is present, types every member's compulsory
// savings and arisan, a voluntary deposit and a loan repayment, saves
// once, and sees the receipts and the cash taken in.
func TestMeetingSheetOnAPhone(t *testing.T) {
	for _, d := range testkit.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			s := startSite(t, d)
			e := s.e
			g := e.SignupGroup("Rindu Rapat")
			treas := e.AddMember(g, access.Treasurer)
			prog := testkit.Str(e.CreateProgram(g, g.OwnerToken, map[string]any{"template_key": "tenun-ikat", "starts_on": "2026-01-05"}), "id")
			var ids []string
			for i := range 20 {
				id := e.CreateBeneficiary(g, g.OwnerToken, map[string]any{"name": fmt.Sprintf("Anggota %02d", i+1)})
				e.Enroll(g, g.OwnerToken, prog, id)
				ids = append(ids, id)
			}
			api := "/api/v1/t/" + g.Slug
			e.Do(http.MethodPost, api+"/savings/deposits", g.OwnerToken, map[string]any{"beneficiary_id": ids[19], "kind": "pokok",
				"amount": 100_000_000, "paid_on": "2026-01-05"}).Expect(http.StatusCreated)
			loan := e.Do(http.MethodPost, api+"/loans", g.OwnerToken, map[string]any{"beneficiary_id": ids[0], "principal": 50_000_000,
				"fee_percent_per_month": 2, "term_months": 5, "method": "flat", "disbursed_on": "2026-01-05"}).Expect(http.StatusCreated).Map()
			e.Do(http.MethodPost, api+"/arisan-rounds", g.OwnerToken, map[string]any{"name": "Arisan Rapat", "contribution": 2_000_000,
				"starts_on": "2026-01-05", "draw": "agreement", "members": ids}).Expect(http.StatusCreated)

			p := s.phoneWithoutJS("treasurer", "id")
			p.open("/login")
			p.onPage("account/login")
			p.fill("email", treas.Email, "password", testkit.Password)
			p.tap(`main form .actions button[type=submit]`)
			// Signed in once the dashboard's body is there; its own checks
			// belong to the dashboard's journeys, and waiting for all its
			// resources made this step time out on a loaded machine.
			p.do(chromedp.WaitVisible(chromedp.CSS(`body[data-page="workspace/dashboard"]`)))
			p.open("/t/" + g.Slug + "/meetings/new")
			p.onPage("groupfund/meeting")
			p.tap(`input[name="program_id"][value="` + prog + `"]`)
			p.tap(`main form button[type=submit]`)
			p.onPage("groupfund/meeting")
			p.sees(p.T("groupfund.meeting.title"), "Anggota 01", "Anggota 20", "PJ-2026-00001")
			p.shot("sheet")
			for i, id := range ids {
				if i%5 != 4 {
					p.tap(`input[name="present.` + id + `"]`)
				}
				p.fill("wajib."+id, "10.000", "arisan."+id, "20000")
			}
			p.fill("sukarela."+ids[3], "5.000", "loan."+testkit.Str(loan, "id"), "110.000")
			p.shot("filled")
			p.tap(`.sticky-save button[type=submit]`)
			p.onPage("groupfund/meeting_show")
			// 20 × (Rp 10.000 + Rp 20.000) + Rp 5.000 + Rp 110.000
			p.sees(p.T("groupfund.meeting_saved"), "Rp 715.000", "Anggota 07", "PJ-2026-00002", "AR-2026-00020")
			p.shot("receipts")
			tb := e.Do(http.MethodGet, api+"/journal/trial-balance", g.OwnerToken, nil).Expect(http.StatusOK).Map()
			if cash := tb["accounts"].([]any)[0].(map[string]any)["debit"].(float64); cash != 100_000_000-50_000_000+71_500_000 {
				t.Fatalf("cash after the meeting = %v", cash)
			}
		})
	}
}
