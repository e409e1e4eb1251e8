package browser_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/testkit"
)

// journey is one group's way through Peduli, shared by its steps: who holds
// which phone and what they learned on the way (the group's address, links).
type journey struct {
	s     *site
	lang  string
	group string // the group's name
	slug  string
	owner *phone
	// facilitator joins by the invitation the owner shares.
	facilitator      *phone
	facilitatorName  string
	facilitatorEmail string
	inviteURL        string
}

// step is one named part of the journey.
type step struct {
	name string
	run  func(j *journey)
}

// journeySteps are the group journey in order. Feature pages add their steps
// here as they land: the facilitator registers two beneficiaries with
// consent, creates a program from a template, records attendance (all on
// her 360 px phone), and the owner sees the numbers on the dashboard.
var journeySteps = []step{
	{"owner signs up the group", signUp},
	{"owner invites a facilitator", inviteFacilitator},
	{"facilitator accepts on her phone", facilitatorAccepts},
	{"owner sees her in the team", ownerSeesTeam},
}

// TestGroupJourney walks the journey in Bahasa Indonesia and in English, on
// each database, saving a screenshot of every step.
func TestGroupJourney(t *testing.T) {
	for _, d := range testkit.Dialects(t) {
		for _, lang := range languages {
			t.Run(string(d)+"/"+lang, func(t *testing.T) {
				s := startSite(t, d)
				j := &journey{s: s, lang: lang, group: groupName(d, lang)}
				for _, st := range journeySteps {
					t.Logf("step: %s", st.name)
					st.run(j)
				}
			})
		}
	}
}

// groupName is unique per run, since PostgreSQL tests share one database.
func groupName(d db.Dialect, lang string) string {
	return "Kelompok Tani Maju " + strings.ToUpper(lang) + " " + string(d)[:2] + " " + testkit.Unique("g")[len("g-"):]
}

func signUp(j *journey) {
	j.owner = j.s.phone("owner", j.lang)
	o := j.owner
	o.open("/")
	o.onPage("public/landing")
	o.sees(o.T("landing.group.title"), o.T("landing.donor.title"))
	o.shot("landing")
	o.tap(`main a[href="/signup"]`)
	o.onPage("account/signup")
	o.fill("group.name", j.group)
	o.choose("regency", "53.01")
	o.do(chromedp.WaitVisible(chromedp.CSS(`#f-group-region_code`)), o.htmxIdle())
	o.choose("group.region_code", "53.01.08.2011")
	email := testkit.Unique("ketua") + "@example.org"
	o.fill("owner.name", "Maria Bria", "owner.email", email, "owner.password", testkit.Password)
	o.shot("signup-filled")
	o.tap(`form[action="/signup"] .actions button[type=submit]`)
	o.onPage("workspace/dashboard")
	o.sees(o.T("signup.welcome"), j.group, "Maria Bria")
	loc, err := chromedp.Run(o.ctx, chromedp.Location())
	if err != nil {
		j.s.t.Fatal(err)
	}
	u, _ := url.Parse(loc)
	j.slug = strings.TrimPrefix(u.Path, "/t/")
	o.shot("workspace")
}

func inviteFacilitator(j *journey) {
	o := j.owner
	o.tap(`nav.main a[href="/t/` + j.slug + `/team"]`)
	o.onPage("team/team")
	j.facilitatorEmail = testkit.Unique("yuliana") + "@example.org"
	o.fill("email", j.facilitatorEmail)
	o.choose("role", "facilitator")
	o.shot("invite-filled")
	o.tap(`form[action="/t/` + j.slug + `/team"] .actions button[type=submit]`)
	o.do(chromedp.WaitVisible(chromedp.CSS(`#share-link`)))
	o.sees(o.T("team.invite_ready", "Who", j.facilitatorEmail), o.T("team.send_whatsapp"))
	j.inviteURL = o.value(`#share-link`)
	if !strings.HasPrefix(j.inviteURL, j.s.URL+"/invitations/") {
		j.s.t.Fatalf("invitation link %q", j.inviteURL)
	}
	wa, err := chromedp.Run(o.ctx, chromedp.Attributes(chromedp.CSS(`a[href^="https://wa.me/"]`)))
	if err != nil || !strings.Contains(wa["href"], url.QueryEscape(j.inviteURL)) {
		j.s.t.Fatalf("WhatsApp link %q does not carry the invitation (%v)", wa["href"], err)
	}
	o.shot("invitation-link")
}

func facilitatorAccepts(j *journey) {
	j.facilitator = j.s.phone("facilitator", j.lang)
	f := j.facilitator
	j.facilitatorName = "Yuliana Tefa"
	f.do(chromedp.Navigate(j.inviteURL))
	f.onPage("account/invitation")
	f.sees(f.T("invite.title"))
	f.fill("name", j.facilitatorName, "password", testkit.Password)
	f.shot("accept-filled")
	f.tap(`main form .actions button[type=submit]`)
	f.onPage("workspace/dashboard")
	f.sees(f.T("invite.joined"), j.group, f.T("role.facilitator"))
	f.shot("joined")
	// Her menu has no audit log; her team page no invite form.
	f.tap(`nav.main a[href="/t/` + j.slug + `/team"]`)
	f.onPage("team/team")
	body := f.bodyText()
	if strings.Contains(body, f.T("team.invite_title")) || strings.Contains(body, f.T("nav.audit")) {
		f.shot("too-much")
		j.s.t.Fatalf("a facilitator sees owner-only controls")
	}
	f.shot("team-as-facilitator")
}

func ownerSeesTeam(j *journey) {
	o := j.owner
	o.open("/t/" + j.slug + "/team")
	o.onPage("team/team")
	o.sees(j.facilitatorName, j.facilitatorEmail, o.T("role.facilitator"))
	o.shot("team")
}

// TestOtherGroupSees404 opens one group's pages as another group's owner.
func TestOtherGroupSees404(t *testing.T) {
	for _, d := range testkit.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			s := startSite(t, d)
			a := s.e.SignupGroup("Kelompok A")
			b := s.e.SignupGroup("Kelompok B")
			p := s.phone("owner-b", "id")
			p.open("/login")
			p.onPage("account/login")
			p.fill("email", b.OwnerEmail, "password", testkit.Password)
			p.tap(`main form .actions button[type=submit]`)
			p.onPage("workspace/dashboard")
			p.sees("Kelompok B")
			for _, path := range []string{"/t/" + a.Slug, "/t/" + a.Slug + "/team", "/t/" + a.Slug + "/audit", "/t/" + a.Slug + "/settings"} {
				p.open(path)
				p.onPage("errors/error")
				p.sees(p.T("error.404.title"))
				if strings.Contains(p.bodyText(), "Kelompok A") {
					t.Fatalf("%s shows the other group's name", path)
				}
			}
			p.shot("other-group-404")
		})
	}
}
