package programs_test

import (
	"net/http"
	"testing"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/testkit"
)

// A chair renames and closes a program, corrects and deletes activities
// and withdraws a member, all with plain forms; others may not.
func TestProgramEditing(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Ubah")
		team := e.Team(g)
		base := "/t/" + g.Slug
		owner := e.BrowserAs(g.OwnerToken)
		a := e.CreateBeneficiary(g, g.OwnerToken, map[string]any{"name": "Yuliana Tefa"})
		b := e.CreateBeneficiary(g, g.OwnerToken, map[string]any{"name": "Maria Bria"})
		owner.Get(base + "/programs/new")
		res := owner.Post(base+"/programs", testkit.Form("template_key", "scratch", "name", "Warung bersama", "starts_on", "2026-02-01")).
			Expect(http.StatusSeeOther)
		pid := idFrom(t, res.Location(), base+"/programs/")
		prog := base + "/programs/" + pid
		owner.Post(prog+"/enrollments", testkit.Form("beneficiary_id", a, "beneficiary_id", b)).ExpectRedirect(prog)

		// Edit: a bad date keeps what was typed and changes nothing.
		owner.Get(prog).Expect(http.StatusOK).Contains("Ubah atau tutup program", "Keluarkan dari program")
		owner.Get(prog+"/edit").Expect(http.StatusOK).Contains("Ubah program", `value="Warung bersama"`, "Berjalan", "Ditutup")
		owner.Post(prog+"/edit", testkit.Form("name", "", "description", "Dagang sayur", "ends_on", "", "status", "active")).
			Expect(http.StatusUnprocessableEntity).Contains("Minimal 1 karakter.", "Dagang sayur")
		owner.Post(prog+"/edit", testkit.Form("name", "Warung Mama", "description", "", "ends_on", "2025-01-01", "status", "active")).
			Expect(http.StatusUnprocessableEntity).Contains(`value="Warung Mama"`)
		owner.Get(prog).Contains("Warung bersama")
		owner.Post(prog+"/edit", testkit.Form("name", "Warung Mama", "description", "Dagang sayur", "ends_on", "", "status", "active")).
			ExpectRedirect(prog)
		owner.Get(prog).Expect(http.StatusOK).Contains("Perubahan program tersimpan.", "Warung Mama", "Dagang sayur")

		// Activities: edit one; one with attendance cannot be deleted, one without can.
		res = owner.Post(prog+"/activities", testkit.Form("title", "Pertemuan Febuari", "kind", "meeting", "held_on", "2026-02-03")).
			Expect(http.StatusSeeOther)
		aid := idFrom(t, res.Location(), base+"/activities/")
		act := base + "/activities/" + aid
		owner.Get(act + "/attendance")
		owner.Post(act+"/attendance", testkit.Form("present", a)).ExpectRedirect(act + "/attendance")
		owner.Get(prog).Contains("Ubah kegiatan")
		owner.Get(act+"/edit").Expect(http.StatusOK).Contains(`value="Pertemuan Febuari"`, "1 orang sudah ditandai hadir").Lacks("Ya, hapus kegiatan ini")
		owner.Post(act+"/edit", testkit.Form("title", "Pertemuan Februari", "kind", "meeting", "held_on", "kemarin", "notes", "")).
			Expect(http.StatusUnprocessableEntity).Contains("Tulis tanggal yang benar.", `value="kemarin"`)
		owner.Post(act+"/edit", testkit.Form("title", "Pertemuan Februari", "kind", "training", "held_on", "2026-02-04", "notes", "Di balai desa")).
			ExpectRedirect(prog)
		owner.Get(prog).Expect(http.StatusOK).Contains("Kegiatan tersimpan.", "Pertemuan Februari", "2026", "1 dari 2 hadir")
		owner.Post(act+"/delete", testkit.Form()).Expect(http.StatusConflict).Contains("sudah ada yang ditandai hadir")
		if n := e.CountRows("program_activities", g.TenantID); n != 1 {
			t.Fatalf("%d activities after a refused delete", n)
		}
		res = owner.Post(prog+"/activities", testkit.Form("title", "Salah catat", "kind", "meeting", "held_on", "2026-02-05")).
			Expect(http.StatusSeeOther)
		wrong := base + "/activities/" + idFrom(t, res.Location(), base+"/activities/")
		owner.Get(wrong + "/edit").Expect(http.StatusOK).Contains("Ya, hapus kegiatan ini")
		owner.Post(wrong+"/delete", testkit.Form()).ExpectRedirect(prog)
		owner.Get(prog).Expect(http.StatusOK).Contains("Kegiatan sudah dihapus.").Lacks("Salah catat")
		if n := e.CountRows("program_activities", g.TenantID); n != 1 {
			t.Fatalf("%d activities after a delete, want 1", n)
		}

		// Withdraw: she leaves the list and the count, her attendance stays.
		members := e.Do(http.MethodGet, "/api/v1"+prog+"/enrollments", g.OwnerToken, nil).Expect(http.StatusOK).Map()
		var eid string
		for _, it := range members["items"].([]any) {
			if m := it.(map[string]any); m["beneficiary_id"] == b {
				eid = m["id"].(string)
			}
		}
		viewer := e.BrowserAs(team[access.Viewer].Token)
		viewer.Get(prog).Lacks("Keluarkan dari program", "Ubah atau tutup program", "Ubah kegiatan")
		viewer.Post(prog+"/withdraw", testkit.Form("enrollment_id", eid)).Expect(http.StatusForbidden)
		viewer.Get(prog + "/edit").Expect(http.StatusForbidden)
		viewer.Get(act + "/edit").Expect(http.StatusForbidden)
		viewer.Post(act+"/delete", testkit.Form()).Expect(http.StatusForbidden)
		owner.Post(prog+"/withdraw", testkit.Form("enrollment_id", "00000000-0000-0000-0000-000000000000")).Expect(http.StatusNotFound)
		owner.Post(prog+"/withdraw", testkit.Form("enrollment_id", eid)).ExpectRedirect(prog)
		owner.Get(prog).Expect(http.StatusOK).Contains("Peserta sudah dikeluarkan dari program.", "1 peserta", "Yuliana Tefa").Lacks("Maria Bria")
		if n := e.CountRows("activity_attendance", g.TenantID); n != 1 {
			t.Fatalf("%d attendance rows after a withdrawal, want 1", n)
		}

		// Close: no new activities until reopened.
		owner.Post(prog+"/edit", testkit.Form("name", "Warung Mama", "description", "", "ends_on", "", "status", "closed")).ExpectRedirect(prog)
		owner.Get(prog).Expect(http.StatusOK).Contains("Program ini sudah ditutup.").Lacks("Catat kegiatan")
		owner.Post(prog+"/activities", testkit.Form("title", "Sesudah tutup", "kind", "meeting", "held_on", "2026-03-01")).
			Expect(http.StatusUnprocessableEntity).Contains("Program ini sudah selesai.")
		e.Do(http.MethodPost, "/api/v1"+prog+"/activities", g.OwnerToken,
			map[string]any{"title": "Sesudah tutup", "kind": "meeting", "held_on": "2026-03-01"}).ExpectProblem(http.StatusConflict, "program_closed")
		owner.Post(prog+"/edit", testkit.Form("name", "Warung Mama", "description", "", "ends_on", "", "status", "active")).ExpectRedirect(prog)
		owner.Get(prog).Contains("Catat kegiatan")

		// The API: edit, refuse to delete with attendance, English page.
		api := "/api/v1/t/" + g.Slug + "/activities/" + aid
		got := e.Do(http.MethodPatch, api, g.OwnerToken, map[string]any{"title": "Pertemuan 2"}).Expect(http.StatusOK).Map()
		if got["title"] != "Pertemuan 2" || got["present_count"] != float64(1) {
			t.Fatalf("patched activity %v", got)
		}
		e.Do(http.MethodPatch, api, g.OwnerToken, map[string]any{"held_on": "besok"}).Expect(http.StatusUnprocessableEntity)
		e.Do(http.MethodDelete, api, g.OwnerToken, nil).ExpectProblem(http.StatusConflict, "activity_has_attendance")
		en := e.BrowserAs(g.OwnerToken)
		en.AcceptLanguage = "en"
		en.Get(prog).Expect(http.StatusOK).Contains("Edit or close the program", "Remove from the program", "Edit activity")

		// Another group's owner: 404 for every form.
		other := e.SignupGroup("Kelompok Asing")
		ob := e.BrowserAs(other.OwnerToken)
		ob.Get(prog + "/edit").Expect(http.StatusNotFound)
		ob.Get("/t/" + other.Slug + "/activities/" + aid + "/edit").Expect(http.StatusNotFound)
		ob.Get("/t/" + other.Slug + "/programs")
		ob.Post("/t/"+other.Slug+"/activities/"+aid+"/delete", testkit.Form()).Expect(http.StatusNotFound)
		ob.Post("/t/"+other.Slug+"/programs/"+pid+"/withdraw", testkit.Form("enrollment_id", eid)).Expect(http.StatusNotFound)
		e.Do(http.MethodDelete, "/api/v1/t/"+other.Slug+"/activities/"+aid, other.OwnerToken, nil).Expect(http.StatusNotFound)
	})
}
