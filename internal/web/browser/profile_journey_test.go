package browser_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/peduli/peduli/internal/testkit"
)

// TestChairDonorAndCoordinatorOnAPhone: on a 360 px phone, in both
// languages, the chair reads what the coordinator asked on her dashboard,
// writes the group's profile and asks for review again; she finds a woman
// by her name in any order and reloads the result; once verified, a donor
// finds the group on the landing page by place and reads its public page.
func TestChairDonorAndCoordinatorOnAPhone(t *testing.T) {
	for _, d := range testkit.Dialects(t) {
		for _, lang := range languages {
			t.Run(string(d)+"/"+lang, func(t *testing.T) {
				s := startSite(t, d)
				name := "Rindu Noelbaki " + strings.ToUpper(lang) + " " + testkit.Unique("g")[len("g-"):]
				g := s.e.SignupGroupIn(name, "53.01.08.2011")
				co := s.e.Coordinator("53.01")
				decide := func(decision, note string) {
					s.e.Do(http.MethodPost, "/api/v1/t/"+g.Slug+"/verification", co.Token,
						map[string]any{"decision": decision, "note": note}).Expect(http.StatusOK)
				}
				decide("request_changes", "Tambahkan cerita kelompok.")
				s.e.CreateBeneficiary(g, g.OwnerToken, map[string]any{"name": "Yohana Tefa"})

				c := s.phone("chair", lang)
				c.open("/login")
				c.onPage("account/login")
				c.fill("email", g.OwnerEmail, "password", testkit.Password)
				c.tap(`main form .actions button[type=submit]`)
				c.onPage("workspace/dashboard")
				c.sees(c.T("regions.state.changes_requested"), "Tambahkan cerita kelompok.")
				c.shot("dashboard-changes-requested")
				c.tap(`#verification a`)
				c.onPage("workspace/settings")
				c.fill("story", "Kami menenun bersama sejak 2019.", "story_en", "We have woven together since 2019.",
					"work", "Tenun ikat", "meeting_place", "Balai Desa Noelbaki", "contact_whatsapp", "0812 3456 7890")
				c.shot("profile-filled")
				c.tap(`form[action$="/settings/profile"] .actions button[type=submit]`)
				c.onPage("workspace/settings")
				c.sees(c.T("settings.profile_saved"))
				c.tap(`form[action$="/settings/review"] .actions button[type=submit]`)
				c.onPage("workspace/settings")
				c.sees(c.T("settings.review_requested"), c.T("regions.state.pending"))
				c.shot("review-requested")

				c.open("/t/" + g.Slug + "/beneficiaries")
				c.onPage("registry/list")
				c.fill("q", "Tefa Yohana")
				c.tap(`form[role=search] button[type=submit]`)
				c.onPage("registry/list")
				c.sees("Yohana Tefa")
				c.do(discard(chromedp.Evaluate[bool](`(document.body.dataset.left = "1") && true`)), chromedp.Navigate(s.URL+"/t/"+g.Slug+"/beneficiaries/search"))
				c.onPage("registry/list")
				c.shot("search-reloaded")

				decide("verify", "")
				s.e.RefreshFigures()
				donor := s.phone("donor", lang)
				donor.open("/")
				donor.onPage("public/landing")
				donor.fill("q", "noelbaki")
				donor.tap(`form[role=search] button[type=submit]`)
				donor.onPage("public/landing")
				donor.sees(name)
				donor.shot("landing-search")
				donor.tap(`#groups a[href="/g/` + g.Slug + `"]`)
				donor.onPage("funds/group")
				story := "Kami menenun bersama sejak 2019."
				if lang == "en" {
					story = "We have woven together since 2019."
				}
				donor.sees(story, "Balai Desa Noelbaki", donor.T("funds.group.fig.served"), donor.T("funds.group.fig.in"),
					donor.T("funds.group.share"))
				donor.shot("group-page")
			})
		}
	}
}
