package workspace_test

import (
	"bytes"
	"image/jpeg"
	"net/http"
	"net/http/httptest"
	"regexp"
	"testing"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/testkit"
)

var photoSrc = regexp.MustCompile(`<img class="group-photo" src="(/g/[^"/]+/photo/[0-9a-f]+\.jpg)"`)

// TestGroupPhoto: the chair puts a 5 MB camera photo on the group's
// settings; it is stored shrunk to 1600 px without its EXIF data and the
// public group page shows it, served to anyone with a year's caching. A
// new photo replaces it (the old address is gone); a file that is no
// photo, or none, is a field error on the settings page with the profile
// kept.
func TestGroupPhoto(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Foto Noelbaki")
		settings := "/t/" + g.Slug + "/settings"
		owner := e.BrowserAs(g.OwnerToken)
		owner.Get(settings).Expect(http.StatusOK).Contains("Belum ada foto")
		owner.Post(settings+"/profile", testkit.Form("story", "Kami menenun bersama sejak 2019.")).ExpectRedirect(settings)
		owner.Get(settings)

		owner.PostFile(settings+"/photo", testkit.Form(), "photo", "IMG_kelompok.jpg", testkit.CameraPhoto(t, 2400, 1800)).
			ExpectRedirect(settings)
		page := owner.Get(settings).Expect(http.StatusOK).Contains("Foto kelompok tersimpan.")
		m := photoSrc.FindSubmatch(page.Body)
		if m == nil {
			t.Fatalf("settings show no photo: %s", page.Body)
		}
		first := string(m[1])
		public := e.Browser().Get("/g/" + g.Slug).Expect(http.StatusOK)
		public.Contains(`src="`+first+`"`, `alt="Foto Kelompok Foto Noelbaki"`)

		img := e.Browser().Get(first).Expect(http.StatusOK)
		if img.Header.Get("Content-Type") != "image/jpeg" || img.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" {
			t.Fatalf("photo headers %v", img.Header)
		}
		cfg, err := jpeg.DecodeConfig(bytes.NewReader(img.Body))
		if err != nil || cfg.Width != 1600 || cfg.Height != 1200 {
			t.Fatalf("stored photo %dx%d (%v)", cfg.Width, cfg.Height, err)
		}
		if bytes.Contains(img.Body, []byte(testkit.GPSMarker)) {
			t.Fatal("the group photo carries the camera's GPS position")
		}
		req := httptest.NewRequest(http.MethodGet, first, nil)
		req.Header.Set("If-None-Match", img.Header.Get("ETag"))
		e.Send(req).Expect(http.StatusNotModified)

		// A new photo replaces the old one, whose address is gone.
		owner.PostFile(settings+"/photo", testkit.Form(), "photo", "kecil.jpg", testkit.SmallPhoto(t)).ExpectRedirect(settings)
		m = photoSrc.FindSubmatch(owner.Get(settings).Body)
		if m == nil || string(m[1]) == first {
			t.Fatalf("the new photo has no new address (%q)", m)
		}
		e.Browser().Get(first).Expect(http.StatusNotFound)
		e.Browser().Get(string(m[1])).Expect(http.StatusOK)
		// Only the group's own page serves it.
		other := e.SignupGroup("Kelompok Lain")
		e.Browser().Get("/g/" + other.Slug + "/photo/" + string(m[1])[len("/g/"+g.Slug+"/photo/"):]).Expect(http.StatusNotFound)

		for _, tc := range []struct {
			name    string
			file    []byte
			message string
		}{
			{"not a photo", []byte("%PDF-1.4\n"), "tidak bisa dibaca sebagai foto"},
			{"", nil, "Wajib diisi."},
		} {
			owner.Get(settings)
			var res *testkit.Response
			if tc.file == nil {
				res = owner.PostMultipart(settings+"/photo", testkit.Form())
			} else {
				res = owner.PostFile(settings+"/photo", testkit.Form(), "photo", tc.name, tc.file)
			}
			res.Expect(http.StatusUnprocessableEntity).Contains(tc.message, "Kami menenun bersama sejak 2019.", `action="/logout"`,
				`name="photo" type="file" accept="image/*" data-shrink aria-describedby="f-photo-msg" aria-invalid="true"`)
		}
	})
}

// TestGroupPhotoIsolationAndRoles: another group's owner gets the 404
// page and a role without tenant:write the 403 page; the photo is
// unchanged.
func TestGroupPhotoIsolationAndRoles(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		a := e.SignupGroup("Kelompok Foto")
		members := e.Team(a)
		b := e.SignupGroup("Kelompok Lain")
		path := "/t/" + a.Slug + "/settings/photo"
		photo := testkit.SmallPhoto(t)
		other := e.BrowserAs(b.OwnerToken)
		other.Get("/t/" + b.Slug + "/settings")
		other.PostFile(path, testkit.Form(), "photo", "x.jpg", photo).Expect(http.StatusNotFound).Lacks("Kelompok Foto")
		for _, r := range []access.Role{access.Facilitator, access.Treasurer, access.Viewer} {
			lb := e.BrowserAs(members[r].Token)
			lb.Get("/t/" + a.Slug + "/settings").Lacks(`action="` + path + `"`)
			lb.PostFile(path, testkit.Form(), "photo", "x.jpg", photo).Expect(http.StatusForbidden)
		}
		e.BrowserAs(a.OwnerToken).Get("/t/" + a.Slug + "/settings").Expect(http.StatusOK).Contains("Belum ada foto")
		admin := e.BrowserAs(members[access.Admin].Token)
		admin.Get("/t/" + a.Slug + "/settings")
		admin.PostFile(path, testkit.Form(), "photo", "x.jpg", photo).ExpectRedirect("/t/" + a.Slug + "/settings")
	})
}
