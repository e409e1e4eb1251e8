package browser_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/peduli/peduli/internal/testkit"
)

// The workspace part of the group journey: after the facilitator joins,
// she registers two women with their consent, starts a program from a
// template card, adds both and takes attendance with one thumb on her 360 px
// phone, and the owner sees the figures on the dashboard.
func init() {
	journeySteps = append(journeySteps,
		step{"facilitator registers two beneficiaries with consent", registerTwo},
		step{"facilitator creates a program from a template card", createProgram},
		step{"facilitator enrolls both and records attendance", takeAttendance},
		step{"owner sees the numbers on the dashboard", ownerSeesDashboard},
	)
}

// beneficiaryNames are the two women the facilitator registers.
var beneficiaryNames = []string{"Dorkas Nitbani", "Sarlota Tnunay"}

func registerTwo(j *journey) {
	f := j.facilitator
	for i, name := range beneficiaryNames {
		nik := testkit.NIK(time.Date(1984+i, 5, 9, 0, 0, 0, 0, time.UTC))
		j.s.e.Logs.Forbid(nik)
		f.open("/t/" + j.slug + "/beneficiaries")
		f.onPage("registry/list")
		f.tap(`main a[href="/t/` + j.slug + `/beneficiaries/new"]`)
		f.onPage("registry/form")
		f.fill("name", name, "nik", nik, "village", "Penfui Timur", "dependents", "2", "monthly_income", "Rp 750.000")
		f.tap(`input[name="consent_reporting"]`)
		f.shot("register-" + string(rune('a'+i)))
		f.tap(`form[action="/t/` + j.slug + `/beneficiaries"] .actions button[type=submit]`)
		f.onPage("registry/detail")
		f.sees(f.T("registry.created"), name, f.T("registry.purpose.services"), f.T("registry.purpose.reporting"))
		f.shot("registered-" + string(rune('a'+i)))
	}
	f.open("/t/" + j.slug + "/beneficiaries")
	f.onPage("registry/list")
	f.sees(beneficiaryNames...)
	f.shot("beneficiaries")
}

func createProgram(j *journey) {
	o := j.facilitator
	o.open("/t/" + j.slug + "/programs")
	o.onPage("programs/list")
	o.tap(`main a[href="/t/` + j.slug + `/programs/new"]`)
	o.onPage("programs/new")
	o.sees(o.T("programs.new.pick"))
	o.tap(`input[name="template_key"][value="tenun-ikat"]`)
	o.shot("program-card")
	o.tap(`form[action="/t/` + j.slug + `/programs"] .actions button[type=submit]`)
	o.onPage("programs/program")
	o.sees(o.T("programs.created"))
	o.shot("program")
}

func takeAttendance(j *journey) {
	f := j.facilitator
	f.open("/t/" + j.slug + "/programs")
	f.onPage("programs/list")
	f.tap(`main ul.list a`)
	f.onPage("programs/program")
	f.tap(`main a[href$="/enroll"]`)
	f.onPage("programs/enroll")
	f.tap(`ul.toggles li:nth-child(1) input`)
	f.tap(`ul.toggles li:nth-child(2) input`)
	f.shot("enroll")
	f.tap(`.sticky-save button`)
	f.onPage("programs/program")
	f.sees(f.T("programs.enrolled"), beneficiaryNames[0], beneficiaryNames[1])
	f.tap(`details.card summary`)
	f.fill("title", "Pertemuan pertama")
	f.shot("activity")
	f.tap(`form[action$="/activities"] .actions button[type=submit]`)
	f.onPage("programs/attendance")
	f.sees(f.T("programs.present_of", "Present", 0, "Total", 2))
	// One thumb: each person is one big toggle; saved once for everyone.
	f.tap(`ul.toggles li:nth-child(1) label`)
	f.tap(`ul.toggles li:nth-child(2) label`)
	f.shot("attendance-ticked")
	f.tap(`.sticky-save button`)
	f.do(chromedp.WaitVisible(chromedp.CSS(`#summary.flash`)), f.htmxIdle())
	f.sees(f.T("programs.attendance_saved"), f.T("programs.present_of", "Present", 2, "Total", 2))
	f.shot("attendance-saved")
	// Without htmx the same form posts and redirects: reload shows it kept.
	f.open("/t/" + j.slug + "/programs")
	f.onPage("programs/list")
	f.tap(`main ul.list a`)
	f.onPage("programs/program")
	f.sees(f.T("programs.present_of", "Present", 2, "Total", 2))
}

func ownerSeesDashboard(j *journey) {
	o := j.owner
	o.open("/t/" + j.slug)
	o.onPage("workspace/dashboard")
	o.sees(o.T("dashboard.served"), o.T("dashboard.active_programs"), o.T("dashboard.attendance"))
	for sel, want := range map[string]string{"#fig-served .n": "2", "#fig-programs .n": "1", "#fig-attendance .n": "100%"} {
		got, err := chromedp.Run(o.ctx, chromedp.Evaluate[string](`document.querySelector('`+sel+`').innerText`))
		if err != nil || got != want {
			o.shot("dashboard-wrong")
			j.s.t.Fatalf("dashboard %s shows %q, want %q (%v)", sel, got, want, err)
		}
	}
	o.shot("dashboard")
}

// TestOtherGroupSeesNoFeaturePages opens one group's beneficiary, program
// and partner pages, by real ids, as another group's owner: 404 pages that
// never name the other group.
func TestOtherGroupSeesNoFeaturePages(t *testing.T) {
	for _, d := range testkit.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			s := startSite(t, d)
			a := s.e.SignupGroup("Kelompok A")
			b := s.e.SignupGroup("Kelompok B")
			person := s.e.CreateBeneficiary(a, a.OwnerToken, map[string]any{"name": "Ibu Rahasia"})
			prog := testkit.Str(s.e.CreateProgram(a, a.OwnerToken, map[string]any{"template_key": "tenun-ikat", "starts_on": "2026-01-05"}), "id")
			p := s.phone("owner-b", "id")
			p.open("/login")
			p.onPage("account/login")
			p.fill("email", b.OwnerEmail, "password", testkit.Password)
			p.tap(`main form .actions button[type=submit]`)
			p.onPage("workspace/dashboard")
			for _, path := range []string{"/t/" + a.Slug + "/beneficiaries", "/t/" + a.Slug + "/beneficiaries/" + person,
				"/t/" + b.Slug + "/beneficiaries/" + person, "/t/" + a.Slug + "/programs/" + prog,
				"/t/" + b.Slug + "/programs/" + prog, "/t/" + a.Slug + "/partners"} {
				p.open(path)
				p.onPage("errors/error")
				p.sees(p.T("error.404.title"))
				if body := p.bodyText(); strings.Contains(body, "Kelompok A") || strings.Contains(body, "Ibu Rahasia") {
					t.Fatalf("%s shows the other group's data", path)
				}
			}
			p.shot("feature-pages-404")
		})
	}
}
