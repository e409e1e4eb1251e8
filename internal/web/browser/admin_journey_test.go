package browser_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"gorm.io/gorm"

	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/testkit"
)

// TestPlatformAdminOnAPhone: on a 360 px phone, in both languages, the
// platform admin lands on her pages after login, finds a group by name,
// registers a donation host (after fixing what the form refused), attaches
// the group to it, moves the group to another region and assigns a
// coordinator by email, who then lands on her region; the admin removes
// her again. Every page fits the phone and labels every input.
func TestPlatformAdminOnAPhone(t *testing.T) {
	for _, d := range testkit.Dialects(t) {
		for _, lang := range languages {
			t.Run(string(d)+"/"+lang, func(t *testing.T) {
				s := startSite(t, d)
				e := s.e
				name := "Kelompok Perempuan Penenun Ikat Oebelo " + strings.ToUpper(lang) + " " + testkit.Unique("g")[len("g-"):]
				g := e.SignupGroupIn(name, "53.01.08.2011")
				// A coordinator-to-be with a long address, verified.
				long := testkit.Unique("maria.magdalena.yohana.tefanitbani") + "@dinas-sosial-kabupaten-kupang.example.org"
				e.Logs.Forbid(long)
				var person *identity.User
				err := e.App.DB.GlobalTx(t.Context(), func(tx *gorm.DB) error {
					var err error
					person, err = e.App.Identity.CreateUser(tx, identity.NewUser{Email: long, Name: "Maria Magdalena Tefa", Password: testkit.Password})
					return err
				})
				if err != nil {
					t.Fatal(err)
				}
				e.VerifyEmail(person.ID)
				admin := e.PlatformAdmin()

				a := s.phone("admin", lang)
				a.open("/login")
				a.onPage("account/login")
				a.fill("email", admin.Email, "password", testkit.Password)
				a.tap(`main form .actions button[type=submit]`)
				a.onPage("admin/groups")
				a.sees(a.T("admin.groups.title"), a.T("admin.nav.hosts"), a.T("admin.nav.coordinators"))
				a.open("/")
				a.onPage("admin/groups")
				a.fill("q", name)
				a.tap(`form[role=search] button[type=submit]`)
				a.onPage("admin/groups")
				a.sees(name, "53.01.08.2011", a.T("admin.unverified"))
				a.shot("groups")

				// Register a host: a wrong key and dates come back as field errors.
				key := testkit.Unique("yayasan-kasih-ntt")
				host := "Yayasan Kasih Nusa Tenggara Timur " + key
				a.tap(`nav.main a[href="/admin/hosts"]`)
				a.onPage("admin/hosts")
				a.fill("name", host, "key", "Yayasan Kasih", "permit.number", "PUB-77/DINSOS/2026", "permit.area", "Provinsi Nusa Tenggara Timur")
				a.do(chromedp.SetValue(chromedp.CSS(`[name="permit.valid_from"]`), "2026-06-01"),
					chromedp.SetValue(chromedp.CSS(`[name="permit.valid_until"]`), "2026-01-01"))
				a.shot("host-filled")
				a.tap(`form[action="/admin/hosts"] .actions button[type=submit]`)
				a.onPage("admin/hosts")
				a.sees(a.T("validation.host_key"), a.T("validation.gtefield"))
				if got := a.value(`[name="name"]`); got != host {
					t.Fatalf("the host's name reads %q after the refused form, want %q", got, host)
				}
				a.shot("host-refused")
				a.do(chromedp.SetValue(chromedp.CSS(`[name="key"]`), key),
					chromedp.SetValue(chromedp.CSS(`[name="permit.valid_from"]`), "2026-01-01"),
					chromedp.SetValue(chromedp.CSS(`[name="permit.valid_until"]`), "2027-12-31"))
				a.tap(`form[action="/admin/hosts"] .actions button[type=submit]`)
				a.onPage("admin/hosts")
				a.sees(a.T("admin.host_registered"), host, "PUB-77/DINSOS/2026")
				a.shot("host-registered")

				// Attach the group to the host, then move it to Kota Kupang.
				a.open("/admin/groups/" + g.Slug)
				a.onPage("admin/group")
				a.choose("host", key)
				a.tap(`form[action$="/host"] .actions button[type=submit]`)
				a.onPage("admin/group")
				a.sees(a.T("admin.host_attached"), host)
				a.choose("region_code", "53.71.02")
				a.tap(`form[action$="/region"] .actions button[type=submit]`)
				a.onPage("admin/group")
				a.sees(a.T("admin.moved"), "53.71.02")
				a.shot("group-moved")

				// Assign the coordinator by email.
				a.tap(`nav.main a[href="/admin/coordinators"]`)
				a.onPage("admin/coordinators")
				a.fill("email", long)
				a.choose("region_code", "53.71")
				a.tap(`form[action="/admin/coordinators"] .actions button[type=submit]`)
				a.onPage("admin/coordinators")
				a.sees(a.T("admin.coordinator_added"), long, "Kota Kupang")
				a.shot("coordinator-assigned")

				// She logs in on her phone and lands on her region, the moved group in it.
				c := s.phone("coordinator", lang)
				c.open("/login")
				c.onPage("account/login")
				c.fill("email", long, "password", testkit.Password)
				c.tap(`main form .actions button[type=submit]`)
				c.onPage("regions/region")
				c.sees(name)
				c.open("/")
				c.onPage("regions/region")
				c.shot("coordinator-region")

				a.tap(`form[action="/admin/coordinators/53.71/` + person.ID + `/remove"] button[type=submit]`)
				a.onPage("admin/coordinators")
				a.sees(a.T("admin.coordinator_removed"))
				if strings.Contains(a.bodyText(), long) {
					t.Fatalf("the removed coordinator is still listed")
				}
				a.shot("coordinator-removed")
			})
		}
	}
}
