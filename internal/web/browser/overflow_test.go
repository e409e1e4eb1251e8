package browser_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/testkit"
)

// Realistic data that once pushed pages wider than a phone: long names,
// long email addresses and many rows.
const (
	longDonor = "Ibu Maria Magdalena Yohana Tefa-Nitbani Fransiska Bria"
	longEmail = "maria.magdalena.yohana.tefanitbani.fransiska@kelompok-perempuan-noelbaki.example.org"
	longNote  = "Pembelian benang katun, pewarna alam mengkudu dan nila, serta ongkos angkut dari Pasar Inpres Naikoten"
)

// TestMoneyPagesFitAPhone fills a group's money pages, audit log and team
// with long names, long emails and many rows, then opens each page on a
// 360 px phone in both languages: none scrolls sideways, the menu stays one
// row, radio buttons and checkboxes sit beside their labels, every input
// has a label.
func TestMoneyPagesFitAPhone(t *testing.T) {
	for _, d := range testkit.Dialects(t) {
		for _, lang := range languages {
			t.Run(string(d)+"/"+lang, func(t *testing.T) {
				s := startSite(t, d)
				e := s.e
				g := e.ProvisionedGroup("rindu-sejahtera")
				e.Logs.Forbid(longEmail)
				base := "/api/v1/t/" + g.Slug
				program := testkit.Str(e.CreateProgram(g, g.OwnerToken, map[string]any{"template_key": "tenun-ikat", "starts_on": "2026-01-05"}), "id")
				var gift string
				for i := range 25 {
					res := e.Do(http.MethodPost, base+"/donations", g.OwnerToken, map[string]any{
						"amount": int64(1_250_000_00 + i*100_00), "currency": "idr", "method": []string{"cash", "transfer", "in_kind"}[i%3],
						"received_on": fmt.Sprintf("2026-03-%02d", 1+i), "description": longNote, "program_id": program,
						"donor":     map[string]any{"name": fmt.Sprintf("%s %d", longDonor, i), "email": fmt.Sprintf("%d.%s", i, longEmail)},
						"show_name": i%2 == 0}).Expect(http.StatusCreated).Map()
					gift = testkit.Str(res, "receipt_url")
				}
				for i := range 25 {
					e.Do(http.MethodPost, base+"/ledger", g.OwnerToken, map[string]any{
						"kind": "expense", "amount": int64(2_750_000_00 + i*100_00), "currency": "idr",
						"category": "bahan-baku-tenun-ikat-dan-pewarna-alam", "program_id": program,
						"occurred_on": fmt.Sprintf("2026-04-%02d", 1+i), "note": longNote}).Expect(http.StatusCreated)
				}
				// The group is shared by the subtests on PostgreSQL: a new
				// person each time, with an address as long.
				member := testkit.Unique("maria.magdalena.yohana.tefanitbani") + "@kelompok-perempuan-noelbaki.example.org"
				e.Logs.Forbid(member)
				invite := e.Do(http.MethodPost, base+"/team", g.OwnerToken, map[string]any{"email": member, "role": access.Treasurer}).
					Expect(http.StatusCreated).Map()
				e.Do(http.MethodPost, "/api/v1/invitations/"+testkit.Str(invite, "invitation", "token")+"/accept", "",
					map[string]any{"name": longDonor, "password": testkit.Password}).Expect(http.StatusCreated)

				p := s.phone("owner", lang)
				p.open("/login")
				p.onPage("account/login")
				p.fill("email", g.OwnerEmail, "password", testkit.Password)
				p.tap(`main form .actions button[type=submit]`)
				p.onPage("workspace/dashboard")
				for _, pg := range []struct{ path, name string }{
					{"/t/" + g.Slug + "/donations", "funds/donations"},
					{"/t/" + g.Slug + "/ledger", "funds/ledger_ws"},
					{"/t/" + g.Slug + "/audit", "workspace/audit"},
					{"/t/" + g.Slug + "/team", "team/team"},
					{"/g/" + g.Slug, "funds/group"},
					{"/g/" + g.Slug + "/ledger", "funds/ledger"},
					{"/g/" + g.Slug + "/donate", "funds/donate"},
					{gift[strings.Index(gift, "/receipts/"):], "funds/receipt"},
				} {
					p.open(pg.path)
					p.onPage(pg.name)
					p.shot(strings.ReplaceAll(pg.name, "/", "-"))
				}
				// The forms that hide behind a summary are checked open too.
				for _, pg := range []struct{ path, name string }{
					{"/t/" + g.Slug + "/donations", "funds/donations"},
					{"/t/" + g.Slug + "/ledger", "funds/ledger_ws"},
				} {
					p.open(pg.path)
					p.onPage(pg.name)
					p.tap(`details.card summary`)
					p.do(discard(chromedp.Evaluate[bool](`delete document.body.dataset.left`)))
					p.onPage(pg.name)
					p.shot(strings.ReplaceAll(pg.name, "/", "-") + "-form")
				}
				// The coordinator's verification form, radio buttons and all.
				fresh := e.SignupGroupIn("Kelompok Perempuan Kepala Keluarga Sejahtera Bersama "+testkit.Unique("desa"), "53.01.08.2011")
				coord := e.Coordinator("53")
				c := s.phone("coordinator", lang)
				c.open("/login")
				c.onPage("account/login")
				c.fill("email", coord.Email, "password", testkit.Password)
				c.tap(`main form .actions button[type=submit]`)
				c.do(chromedp.WaitVisible(chromedp.CSS(`body:not([data-left])`)))
				c.open("/regions/53/groups/" + fresh.Slug)
				c.onPage("regions/group")
				c.shot("verification")
			})
		}
	}
}
