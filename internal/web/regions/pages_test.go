package regions_test

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

func TestCoordinatorPages(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroupIn("Kelompok Halaman", "53.01.08.2011")
		secret := testkit.Unique("Ursula Nenobais")
		e.CreateBeneficiary(g, g.OwnerToken, map[string]any{"name": secret})
		kota := e.SignupGroupIn("Kelompok Kota", "53.71.02")
		co := e.Coordinator("53.01")
		e.RefreshFigures()

		b := e.BrowserAs(co.Token)
		b.Get("/regions/53.01?sort=-beneficiaries_served").Expect(http.StatusOK).
			Contains("Kabupaten Kupang", "Kelompok Halaman", "Rindu Sejahtera", "Penerima manfaat", "<5", "<svg", "format=xlsx", "Angka per").
			Lacks("Kelompok Kota", secret)
		en := e.BrowserAs(co.Token)
		en.AcceptLanguage = "en"
		en.Get("/regions/53.01").Expect(http.StatusOK).Contains("Beneficiaries", "Awaiting verification", "Activities per month")

		// Outside her region, and for anyone else, the region does not exist.
		b.Get("/regions/53.71").Expect(http.StatusNotFound)
		b.Get("/regions/53.01/groups/" + kota.Slug).Expect(http.StatusNotFound)
		e.BrowserAs(g.OwnerToken).Get("/regions/53.01").Expect(http.StatusNotFound)
		e.Browser().Get("/regions/53.01").ExpectRedirect("/login")

		// Verify through the form: a note is required to ask for changes.
		card := "/regions/53.01/groups/" + g.Slug
		b.Get(card).Expect(http.StatusOK).Contains("Menunggu verifikasi", "Simpan keputusan")
		b.Post(card+"/verification", testkit.Form("decision", "request_changes", "note", "")).Expect(http.StatusUnprocessableEntity)
		b.Get(card)
		b.Post(card+"/verification", testkit.Form("decision", "request_changes", "note", "Tambahkan foto kegiatan.")).ExpectRedirect(card)
		b.Get(card).Expect(http.StatusOK).Contains("Perlu perbaikan", "Tambahkan foto kegiatan.")
		b.Post(card+"/verification", testkit.Form("decision", "verify", "note", "")).ExpectRedirect(card)
		b.Get(card).Expect(http.StatusOK).Contains("Terverifikasi")
		// A forged form is refused; a platform admin who does not coordinate may look but not decide.
		b.Post(card+"/verification", testkit.Form("decision", "verify", "_csrf", "forged")).Expect(http.StatusForbidden)
		admin := e.BrowserAs(e.PlatformAdmin().Token)
		admin.Get(card).Expect(http.StatusOK)
		admin.Post(card+"/verification", testkit.Form("decision", "verify")).Expect(http.StatusForbidden)
	})
}

// TestCoordinatorFiguresReadAsPeopleDo: a rate over fewer than five people
// reads as hidden, never as a count of people ("<5"); chart months carry
// their year.
func TestCoordinatorFiguresReadAsPeopleDo(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroupIn("Kelompok Kecil", "53.01.08.2011")
		a := e.CreateBeneficiary(g, g.OwnerToken, nil)
		pid := testkit.Str(e.CreateProgram(g, g.OwnerToken, map[string]any{"template_key": "tenun-ikat", "starts_on": "2026-01-05"}), "id")
		e.Enroll(g, g.OwnerToken, pid, a)
		now := time.Now().UTC()
		act := e.RecordActivity(g, g.OwnerToken, pid, "pertemuan_kelompok", now.Format("2006-01-02"))
		e.Do(http.MethodPut, "/api/v1/t/"+g.Slug+"/activities/"+act+"/attendance", g.OwnerToken,
			map[string]any{"present": []string{a}}).Expect(http.StatusOK)
		co := e.Coordinator("53.01")
		e.RefreshFigures()

		id := [12]string{"Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"}
		en := [12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
		month := func(names [12]string) string { return ">" + names[now.Month()-1] + " " + now.Format("2006") + "<" }
		card := "/regions/53.01/groups/" + g.Slug
		b := e.BrowserAs(co.Token)
		b.Get(card).Expect(http.StatusOK).
			Contains("<dt>Kehadiran 90 hari</dt><dd>tersembunyi (terlalu sedikit orang)</dd>").
			Lacks("<dt>Kehadiran 90 hari</dt><dd><5</dd>")
		b.Get("/regions/53.01").Expect(http.StatusOK).Contains(month(id), "Tingkat kehadiran")
		eb := e.BrowserAs(co.Token)
		eb.AcceptLanguage = "en"
		eb.Get(card).Expect(http.StatusOK).Contains("<dt>Attendance, 90 days</dt><dd>hidden (too few people)</dd>")
		page := eb.Get("/regions/53.01").Expect(http.StatusOK)
		page.Contains(month(en))
		if strings.Contains(string(page.Body), ">"+now.Format("01")+"<") {
			t.Errorf("a chart labels a month by its number alone")
		}
	})
}

// The region page shows its groups a page at a time, in the order chosen,
// with a link to the next page.
func TestRegionPageIsPaged(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		const code = "53.71.04"
		now := time.Now().UTC()
		g := e.Owner.Global(t.Context())
		for i := range 52 {
			if err := g.Exec(`INSERT INTO tenants (id, slug, name, status, verified, region_code, created_at, updated_at)
				VALUES (?, ?, ?, 'active', false, ?, ?, ?)`, db.NewID(), testkit.Unique("hal"), fmt.Sprintf("Halaman %02d", i), code, now, now).Error; err != nil {
				t.Fatal(err)
			}
		}
		co := e.Coordinator(code)
		b := e.BrowserAs(co.Token)
		first := b.Get("/regions/"+code).Expect(http.StatusOK).Contains("Halaman 00", "Halaman 49", `rel="next"`).Lacks("Halaman 50")
		m := regexp.MustCompile(`href="(\?[^"]+)" rel="next"`).FindSubmatch(first.Body)
		if m == nil {
			t.Fatalf("no next link")
		}
		next := strings.ReplaceAll(string(m[1]), "&amp;", "&")
		b.Get("/regions/"+code+next).Expect(http.StatusOK).Contains("Halaman 50", "Halaman 51").Lacks("Halaman 49", `rel="next"`)
	})
}
