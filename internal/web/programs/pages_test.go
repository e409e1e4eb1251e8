package programs_test

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

func idFrom(t *testing.T, loc, prefix string) string {
	t.Helper()
	if !strings.HasPrefix(loc, prefix) {
		t.Fatalf("redirect to %q, want under %q", loc, prefix)
	}
	id := strings.TrimPrefix(loc, prefix)
	if i := strings.IndexAny(id, "/?#"); i >= 0 {
		id = id[:i]
	}
	return id
}

func TestProgramPages(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Program")
		team := e.Team(g)
		base := "/t/" + g.Slug
		owner := e.BrowserAs(g.OwnerToken)
		var people []string
		for _, n := range []string{"Yuliana Tefa", "Maria Bria", "Dorkas Nitbani"} {
			people = append(people, e.CreateBeneficiary(g, g.OwnerToken, map[string]any{"name": n}))
		}

		// A program from a template card, in both languages.
		owner.Get(base+"/programs").Expect(http.StatusOK).Contains("Program", "Belum ada program.", "Buat program")
		owner.Get(base+"/programs/new").Expect(http.StatusOK).Contains("KUBE Tenun Ikat", "Buat sendiri")
		en := e.BrowserAs(g.OwnerToken)
		en.AcceptLanguage = "en"
		en.Get(base+"/programs/new").Expect(http.StatusOK).Contains("Ikat weaving joint-business group", "Make your own")
		owner.Post(base+"/programs", testkit.Form("starts_on", "2026-01-05")).Expect(http.StatusUnprocessableEntity).
			Contains("Wajib diisi.", `value="2026-01-05"`)
		owner.Post(base+"/programs", testkit.Form("template_key", "tenun-ikat", "starts_on", "kemarin")).
			Expect(http.StatusUnprocessableEntity).Contains("Tulis tanggal yang benar.", `value="kemarin"`)
		if n := e.CountRows("programs", g.TenantID); n != 0 {
			t.Fatalf("%d programs written on bad input", n)
		}
		res := owner.Post(base+"/programs", testkit.Form("template_key", "tenun-ikat", "starts_on", "2026-01-05")).Expect(http.StatusSeeOther)
		pid := idFrom(t, res.Location(), base+"/programs/")
		prog := base + "/programs/" + pid
		owner.Get(prog).Expect(http.StatusOK).Contains("Program sudah dibuat", "KUBE Tenun Ikat", "Tambah peserta",
			"KUBE beranggotakan 5 sampai 20 keluarga. Program ini sekarang punya 0 keluarga.")

		// From scratch with income.
		owner.Post(base+"/programs", testkit.Form("template_key", "scratch", "starts_on", "2026-02-01")).
			Expect(http.StatusUnprocessableEntity).Contains("Wajib diisi.")
		owner.Post(base+"/programs", testkit.Form("template_key", "scratch", "name", "Warung bersama", "starts_on", "2026-02-01", "income", "on")).
			Expect(http.StatusSeeOther)

		// Enroll two people in one post; the KUBE warning stays (2 households).
		fac := e.BrowserAs(team[access.Facilitator].Token)
		fac.Get(prog+"/enroll").Expect(http.StatusOK).Contains("Yuliana Tefa", "Maria Bria", "KUBE beranggotakan 5 sampai 20 keluarga dari satu desa.")
		fac.Post(prog+"/enrollments", testkit.Form("beneficiary_id", people[0], "beneficiary_id", people[1])).ExpectRedirect(prog)
		fac.Get(prog).Expect(http.StatusOK).Contains("Peserta sudah ditambahkan.", "2 peserta", "Yuliana Tefa", "punya 2 keluarga")
		fac.Get(prog + "/enroll").Expect(http.StatusOK).Contains("Dorkas Nitbani").Lacks("Yuliana Tefa")
		fac.Post(prog+"/enroll/search", testkit.Form("q", "dork")).Expect(http.StatusOK).Contains("Dorkas Nitbani")

		// An activity of the template's kinds, then attendance in one post.
		fac.Get(prog).Contains("Pertemuan kelompok", "Catat kegiatan")
		fac.Post(prog+"/activities", testkit.Form("title", "", "kind", "pertemuan_kelompok", "held_on", "2026-02-03")).
			Expect(http.StatusUnprocessableEntity).Contains("Wajib diisi.", `value="2026-02-03"`)
		res = fac.Post(prog+"/activities", testkit.Form("title", "Pertemuan Februari", "kind", "pertemuan_kelompok", "held_on", "2026-02-03")).
			Expect(http.StatusSeeOther)
		aid := idFrom(t, res.Location(), base+"/activities/")
		att := base + "/activities/" + aid + "/attendance"
		fac.Get(att).Expect(http.StatusOK).Contains("Kehadiran", "Pertemuan Februari", "0 dari 2 hadir", `name="present"`, "Simpan kehadiran")
		fac.Post(att, testkit.Form("present", people[0], "present", people[1])).ExpectRedirect(att)
		fac.Get(att).Expect(http.StatusOK).Contains("Kehadiran tersimpan.", "2 dari 2 hadir")
		fac.Post(att, testkit.Form("present", people[1])).ExpectRedirect(att)
		if n := e.CountRows("activity_attendance", g.TenantID); n != 1 {
			t.Fatalf("%d attendance rows, want 1", n)
		}
		// With htmx the same form answers only the summary line.
		page := fac.Get(att).Expect(http.StatusOK)
		token := regexp.MustCompile(`name="_csrf" value="([^"]+)"`).FindSubmatch(page.Body)
		req := httptest.NewRequest(http.MethodPost, att, strings.NewReader(testkit.Form("present", people[0], "present", people[1]).Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("HX-Request", "true")
		req.Header.Set("X-CSRF-Token", string(token[1]))
		req.AddCookie(&http.Cookie{Name: "peduli_session", Value: team[access.Facilitator].Token})
		req.AddCookie(&http.Cookie{Name: "peduli_csrf", Value: fac.Cookie("peduli_csrf")})
		frag := e.Send(req).Expect(http.StatusOK)
		if body := string(frag.Body); !strings.HasPrefix(body, `<p id="summary"`) || !strings.Contains(body, "2 dari 2 hadir") {
			t.Fatalf("htmx answer %q", body)
		}
		fac.Post(att, testkit.Form("present", people[1])).ExpectRedirect(att)

		// Someone not enrolled: refused, nothing changed.
		fac.Get(att)
		fac.Post(att, testkit.Form("present", people[2])).Expect(http.StatusUnprocessableEntity)
		if n := e.CountRows("activity_attendance", g.TenantID); n != 1 {
			t.Fatalf("%d attendance rows after a refused post", n)
		}

		// Outcomes for a month, one post; a bad cell keeps every typed value.
		fac.Get(prog).Contains("Catat hasil bulanan")
		out := prog + "/outcomes?period=2026-02"
		fac.Get(out).Expect(http.StatusOK).Contains("Kain terjual", "Yuliana Tefa", "Maria Bria")
		cell := func(b, k string) string { return "v." + b + "." + k }
		fac.Post(prog+"/outcomes", testkit.Form("period", "2026-02", cell(people[0], "monthly_income"), "Rp 750.000",
			cell(people[1], "monthly_income"), "banyak", cell(people[0], "pieces_sold"), "4")).
			Expect(http.StatusUnprocessableEntity).Contains("Tulis jumlah dengan angka, misalnya 500.000", `value="Rp 750.000"`, `value="banyak"`)
		if n := e.CountRows("outcomes", g.TenantID); n != 0 {
			t.Fatalf("%d outcomes written on bad input", n)
		}
		fac.Post(prog+"/outcomes", testkit.Form("period", "2026-02", cell(people[0], "monthly_income"), "Rp 750.000",
			cell(people[1], "monthly_income"), "1.250.000", cell(people[0], "pieces_sold"), "4")).ExpectRedirect(out)
		fac.Get(out).Expect(http.StatusOK).Contains("Hasil bulan ini tersimpan.", `value="750000"`, `value="1250000"`, `value="4"`)
		if n := e.CountRows("outcomes", g.TenantID); n != 3 {
			t.Fatalf("%d outcomes", n)
		}
		// The incomes typed are sealed: neither is in the table in clear.
		var clear int64
		if err := e.Owner.Global(t.Context()).Raw("SELECT COUNT(*) FROM outcomes WHERE tenant_id = ? AND "+
			"(value IN (75000000, 125000000) OR value_sealed LIKE '%75000000%' OR value_sealed LIKE '%125000000%')",
			g.TenantID).Scan(&clear).Error; err != nil || clear != 0 {
			t.Fatalf("%d outcomes hold an income in clear (%v)", clear, err)
		}
		future := time.Now().AddDate(0, 2, 0).Format("2006-01")
		fac.Post(prog+"/outcomes", testkit.Form("period", future, cell(people[0], "pieces_sold"), "4")).
			Expect(http.StatusUnprocessableEntity).Contains("Bulan ini belum lewat.")

		// English.
		fen := e.BrowserAs(team[access.Facilitator].Token)
		fen.AcceptLanguage = "en"
		fen.Get(att).Expect(http.StatusOK).Contains("Attendance", "1 of 2 present", "Save attendance")
		fen.Get(prog).Expect(http.StatusOK).Contains("Activities", "Group meeting", "Monthly results")

		// Viewer: programs and counts, no names, no buttons; the server refuses.
		viewer := e.BrowserAs(team[access.Viewer].Token)
		viewer.Get(base+"/programs").Expect(http.StatusOK).Contains("KUBE Tenun Ikat", "2 peserta").Lacks("Buat program")
		viewer.Get(prog).Expect(http.StatusOK).Contains("1 dari 2 hadir").
			Lacks("Yuliana Tefa", "Tambah peserta", "Catat kegiatan", "Isi kehadiran", "Catat hasil bulanan")
		viewer.Get(att).Expect(http.StatusForbidden)
		viewer.Post(att, testkit.Form("present", people[0])).Expect(http.StatusForbidden)
		viewer.Post(base+"/programs", testkit.Form("template_key", "tenun-ikat", "starts_on", "2026-01-05")).Expect(http.StatusForbidden)
		viewer.Get(prog + "/outcomes").Expect(http.StatusForbidden)
		// A facilitator may start a program; a treasurer may not.
		fac.Get(base + "/programs").Expect(http.StatusOK).Contains("Buat program")
		fac.Get(base + "/programs/new").Expect(http.StatusOK)
		// A treasurer sees attendance but cannot save it.
		tr := e.BrowserAs(team[access.Treasurer].Token)
		tr.Get(base + "/programs").Expect(http.StatusOK).Lacks("Buat program")
		tr.Get(base + "/programs/new").Expect(http.StatusForbidden)
		tr.Get(att).Expect(http.StatusOK).Contains("Maria Bria").Lacks("Simpan kehadiran")
		tr.Get(prog).Expect(http.StatusOK).Contains("Lihat kehadiran").Lacks("Isi kehadiran")

		// CSRF.
		fac.Post(att, testkit.Form("_csrf", "forged", "present", people[0])).Expect(http.StatusForbidden)
		if n := e.CountRows("activity_attendance", g.TenantID); n != 1 {
			t.Fatalf("%d attendance rows after a forged post", n)
		}

		// Another group's user gets 404 pages, by its URL and by ids under her own group.
		other := e.SignupGroup("Kelompok Asing")
		ob := e.BrowserAs(other.OwnerToken)
		ob.Get(prog).Expect(http.StatusNotFound)
		ob.Get("/t/" + other.Slug + "/programs/" + pid).Expect(http.StatusNotFound)
		ob.Get("/t/" + other.Slug + "/activities/" + aid + "/attendance").Expect(http.StatusNotFound)
		ob.Get("/t/" + other.Slug + "/programs")
		ob.Post("/t/"+other.Slug+"/activities/"+aid+"/attendance", testkit.Form("present", people[0])).Expect(http.StatusNotFound)
	})
}
