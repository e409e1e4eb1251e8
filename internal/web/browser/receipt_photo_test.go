package browser_test

import (
	"bytes"
	"image/jpeg"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/peduli/peduli/internal/platform/config"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/testkit"
)

// countingListener counts the bytes the server reads from every connection.
type countingListener struct {
	net.Listener
	read *atomic.Int64
}

func (l countingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	return countingConn{Conn: c, read: l.read}, err
}

type countingConn struct {
	net.Conn
	read *atomic.Int64
}

func (c countingConn) Read(b []byte) (int, error) {
	n, err := c.Conn.Read(b)
	c.read.Add(int64(n))
	return n, err
}

// startCountingSite is startSite with a count of the bytes phones send.
func startCountingSite(t *testing.T, d db.Dialect) (*site, *atomic.Int64) {
	t.Helper()
	requireChromium(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var read atomic.Int64
	url := "http://" + ln.Addr().String()
	e := testkit.New(t, d, func(c *config.Config) { c.BaseURL = url })
	go func() { _ = e.App.HTTP.Listener(countingListener{Listener: ln, read: &read}) }()
	t.Cleanup(func() { _ = e.App.HTTP.ShutdownWithTimeout(5 * time.Second) })
	return &site{t: t, e: e, URL: url, shots: artifactsDir(t)}, &read
}

// TestReceiptPhotoShrunkOnPhone: the treasurer attaches a 5 MB camera
// photo as the receipt of an expense on her 360 px phone. She first types
// an amount of 0: the form comes back with her words kept. With the
// amount corrected and the photo attached again, the browser sends it
// shrunk (under a third of it crosses the network) and the stored photo is a
// 1600 px JPEG without the camera's EXIF data. The chair then makes the
// same photo the group's photo in the settings, and the public group page
// shows it. Indonesian on SQLite, English on PostgreSQL.
func TestReceiptPhotoShrunkOnPhone(t *testing.T) {
	for i, d := range testkit.Dialects(t) {
		lang := languages[i%len(languages)]
		t.Run(string(d)+"/"+lang, func(t *testing.T) {
			s, read := startCountingSite(t, d)
			e := s.e
			g := e.SignupGroup("Kelompok Nota Ponsel")
			photo := filepath.Join(t.TempDir(), "IMG_20261129_0915.jpg")
			camera := testkit.CameraPhoto(t, 2400, 1800)
			if err := os.WriteFile(photo, camera, 0o600); err != nil {
				t.Fatal(err)
			}

			p := s.phone("treasurer", lang)
			p.open("/login")
			p.onPage("account/login")
			p.fill("email", g.OwnerEmail, "password", testkit.Password)
			p.tap(`main form .actions button[type=submit]`)
			p.onPage("workspace/dashboard")
			ledger := "/t/" + g.Slug + "/ledger"
			p.open(ledger)
			p.onPage("funds/ledger_ws")
			p.tap(`details.card summary`)
			form := `form[action="` + ledger + `"]`
			p.fill("amount", "0", "category", "benang", "note", "Benang ikat Ibu Yohana")
			p.do(chromedp.SetUploadFiles(chromedp.CSS(`#f-receipt`), []string{photo}))
			p.shot("photo-attached")
			p.tap(form + ` .actions button[type=submit]`)
			p.onPage("funds/ledger_ws")
			p.sees(p.T("validation.amount"))
			if got := p.value(`[name="note"]`); got != "Benang ikat Ibu Yohana" {
				t.Fatalf("the note reads %q after the form came back", got)
			}
			if got := p.value(`[name="category"]`); got != "benang" {
				t.Fatalf("the category reads %q after the form came back", got)
			}
			p.shot("amount-refused")

			p.do(discard(chromedp.Evaluate[bool](`(document.querySelector('[name="amount"]').value = "") === ""`)))
			p.fill("amount", "285.000")
			p.do(chromedp.SetUploadFiles(chromedp.CSS(`#f-receipt`), []string{photo}))
			before := read.Load()
			p.tap(form + ` .actions button[type=submit]`)
			p.onPage("funds/ledger_ws")
			p.sees("Benang ikat Ibu Yohana", p.T("funds.ws.receipt_photo_link"))
			p.shot("saved")
			// The test photo is noise, which even shrunk stays near 1 MB (a
			// real receipt becomes a few hundred KB); unshrunk it is 5 MB.
			if sent := read.Load() - before; sent > int64(len(camera))/3 {
				t.Fatalf("the phone sent %d bytes for a %d byte photo: it was not shrunk in the browser", sent, len(camera))
			}

			items := e.Do(http.MethodGet, "/api/v1"+ledger, g.OwnerToken, nil).Expect(http.StatusOK).Map()["items"].([]any)
			if len(items) != 1 {
				t.Fatalf("ledger %v", items)
			}
			file := e.Do(http.MethodGet, "/api/v1"+ledger+"/"+testkit.Str(items[0].(map[string]any), "id")+"/receipt",
				g.OwnerToken, nil).Expect(http.StatusOK)
			cfg, err := jpeg.DecodeConfig(bytes.NewReader(file.Body))
			if err != nil || max(cfg.Width, cfg.Height) != 1600 || len(file.Body) > len(camera)/3 {
				t.Fatalf("stored receipt %dx%d, %d bytes (%v)", cfg.Width, cfg.Height, len(file.Body), err)
			}
			if bytes.Contains(file.Body, []byte(testkit.GPSMarker)) {
				t.Fatal("the stored receipt carries the camera's GPS position")
			}

			// The same photo as the group's photo, from the settings: shrunk
			// on the phone again, then shown on the group's public page.
			p.open("/t/" + g.Slug + "/settings")
			p.onPage("workspace/settings")
			p.do(chromedp.SetUploadFiles(chromedp.CSS(`#f-photo`), []string{photo}))
			before = read.Load()
			p.tap(`form[action$="/settings/photo"] .actions button[type=submit]`)
			p.onPage("workspace/settings")
			p.sees(p.T("settings.photo_saved"))
			if sent := read.Load() - before; sent > int64(len(camera))/3 {
				t.Fatalf("the phone sent %d bytes for the group photo: it was not shrunk in the browser", sent)
			}
			p.open("/g/" + g.Slug)
			p.onPage("funds/group")
			p.do(discard(chromedp.Poll[bool](`(document.querySelector("img.group-photo") || {}).naturalWidth === 1600`)))
			p.shot("public-page-photo")
		})
	}
}
