package funds_test

import (
	"bytes"
	"image/jpeg"
	"net/http"
	"strings"
	"testing"

	"github.com/peduli/peduli/internal/testkit"
)

// signedIn is what the header of a page shows a signed-in visitor: the
// logout button, never the login link.
func signedIn(t *testing.T, r *testkit.Response) {
	t.Helper()
	r.Contains(`action="/logout"`).Lacks(`href="/login"`)
}

// A treasurer on a phone without JavaScript sends a 5 MB camera photo as
// the receipt of an expense: it is stored shrunk to a JPEG of at most
// 1600 px without its EXIF data (GPS position included). A file over the
// 12 MB limit, or one that is no picture, is a field error on the same
// form (422) with everything typed kept; a body too large for the server
// is an error page that still shows her signed in.
func TestReceiptPhotoFromPhone(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Foto Nota")
		b := e.BrowserAs(g.OwnerToken)
		ledger := "/t/" + g.Slug + "/ledger"
		b.Get(ledger).Expect(http.StatusOK)
		typed := func() map[string][]string {
			return testkit.Form("kind", "expense", "amount", "285.000", "category", "bahan tenun",
				"occurred_on", e.App.Funds.Now().Format("2006-01-02"), "note", "Benang ikat untuk Ibu Yohana")
		}
		loc := e.App.Pages.Catalogue.Localizer("id")

		camera := testkit.CameraPhoto(t, 2400, 1800)
		if len(camera) < 5<<20 {
			t.Fatalf("the camera photo is only %d bytes", len(camera))
		}
		b.PostFile(ledger, typed(), "receipt", "IMG_20261129.jpg", camera).ExpectRedirect(ledger)
		items := e.Do(http.MethodGet, "/api/v1"+ledger, g.OwnerToken, nil).Expect(http.StatusOK).Map()["items"].([]any)
		if len(items) != 1 || items[0].(map[string]any)["has_receipt"] != true {
			t.Fatalf("ledger after the upload: %v", items)
		}
		file := e.Do(http.MethodGet, "/api/v1"+ledger+"/"+testkit.Str(items[0].(map[string]any), "id")+"/receipt", g.OwnerToken, nil).
			Expect(http.StatusOK)
		stored, err := jpeg.DecodeConfig(bytes.NewReader(file.Body))
		if err != nil || file.Header.Get("Content-Type") != "image/jpeg" {
			t.Fatalf("stored receipt is no JPEG (%s): %v", file.Header.Get("Content-Type"), err)
		}
		// The test photo is noise, which compresses far worse than a
		// receipt (a real one shrinks to a few hundred KB).
		if stored.Width != 1600 || stored.Height != 1200 || len(file.Body) > len(camera)/4 {
			t.Fatalf("stored receipt is %dx%d, %d bytes; want 1600x1200 and under a quarter of the %d sent",
				stored.Width, stored.Height, len(file.Body), len(camera))
		}
		if bytes.Contains(file.Body, []byte(testkit.GPSMarker)) || bytes.Contains(file.Body, []byte("Exif")) {
			t.Fatal("the stored receipt still carries the photo's EXIF data")
		}

		n := e.CountRows("ledger_entries", g.TenantID)
		for _, tc := range []struct {
			name, file string
			data       []byte
			message    string
		}{
			{"over 12 MB", "IMG_big.jpg", append([]byte("\xff\xd8\xff\xe0"), make([]byte, 12<<20)...),
				loc.T("validation.filesize", "Param", "12")},
			{"not a picture", "nota.txt", []byte("hanya teks, bukan foto"), loc.T("validation.filetype")},
			{"a broken photo", "IMG_rusak.jpg", camera[:len(camera)/50], loc.T("validation.filetype")},
		} {
			res := b.PostFile(ledger, typed(), "receipt", tc.file, tc.data).Expect(http.StatusUnprocessableEntity)
			res.Contains(tc.message, `value="285.000"`, `value="bahan tenun"`, `value="Benang ikat untuk Ibu Yohana"`,
				`id="f-receipt" name="receipt" type="file" accept="image/*,application/pdf" data-shrink aria-describedby="f-receipt-msg" aria-invalid="true"`)
			signedIn(t, res)
		}
		if m := e.CountRows("ledger_entries", g.TenantID); m != n {
			t.Fatalf("refused uploads wrote %d entries", m-n)
		}

		// Over the server's limit the body is not read at all: an error page,
		// with the header as it was.
		huge := e.OversizedPage(ledger, g.OwnerToken, 14<<20).Expect(http.StatusRequestEntityTooLarge)
		signedIn(t, huge)
		huge.Contains(loc.T("error.413.title"))
		// Every other form keeps the 1 MB limit, and says so signed in too.
		big := b.Post("/t/"+g.Slug+"/donations", testkit.Form("description", strings.Repeat("a", 2<<20))).
			Expect(http.StatusRequestEntityTooLarge)
		signedIn(t, big)
		if m := e.CountRows("ledger_entries", g.TenantID); m != n {
			t.Fatalf("refused bodies wrote %d entries", m-n)
		}
	})
}

// Through the API a photo is shrunk the same way, and a file over 12 MB
// is a validation problem naming the receipt field.
func TestReceiptPhotoThroughAPI(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Nota API")
		res := receiptUpload(t, e, g.Slug, g.OwnerToken, testkit.SmallPhoto(t)).Expect(http.StatusCreated).Map()
		file := e.Do(http.MethodGet, "/api/v1/t/"+g.Slug+"/ledger/"+testkit.Str(res, "id")+"/receipt", g.OwnerToken, nil).Expect(http.StatusOK)
		if cfg, err := jpeg.DecodeConfig(bytes.NewReader(file.Body)); err != nil || cfg.Width != 64 || cfg.Height != 48 {
			t.Fatalf("stored photo %v: %v", cfg, err)
		}
		p := receiptUpload(t, e, g.Slug, g.OwnerToken, append([]byte("\xff\xd8\xff\xe0"), make([]byte, 12<<20)...)).
			ExpectProblem(http.StatusUnprocessableEntity, "validation_failed")
		if fe, _ := p["errors"].([]any); len(fe) != 1 || fe[0].(map[string]any)["field"] != "receipt" ||
			fe[0].(map[string]any)["rule"] != "filesize" {
			t.Fatalf("problem %v does not name the receipt's size", p)
		}
	})
}
