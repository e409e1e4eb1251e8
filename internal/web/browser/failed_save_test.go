package browser_test

import (
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/peduli/peduli/internal/platform/config"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/testkit"
)

// Ways the road between a phone and Peduli can fail.
const (
	roadOpen int32 = iota
	roadServerFault
	roadCut
)

// startSiteBehindRoad serves Peduli behind a proxy the test controls: it
// passes requests on, answers 503 as a failing server would, or drops the
// connection as a phone that lost its signal sees it.
func startSiteBehindRoad(t *testing.T, d db.Dialect) (*site, *atomic.Int32) {
	t.Helper()
	requireChromium(t)
	appLn, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	front, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + front.Addr().String()
	e := testkit.New(t, d, func(c *config.Config) { c.BaseURL = base })
	go func() { _ = e.App.HTTP.Listener(appLn) }()
	t.Cleanup(func() { _ = e.App.HTTP.ShutdownWithTimeout(5 * time.Second) })

	var road atomic.Int32
	pass := httputil.NewSingleHostReverseProxy(&url.URL{Scheme: "http", Host: appLn.Addr().String()})
	srv := &http.Server{ReadHeaderTimeout: 10 * time.Second, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Method != http.MethodPost || road.Load() == roadOpen:
			pass.ServeHTTP(w, r)
		case road.Load() == roadServerFault:
			w.Header().Set("Content-Type", "application/problem+json")
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write([]byte(`{"type":"about:blank","title":"Service Unavailable","status":503}`))
		default:
			if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
				_ = conn.Close()
			}
		}
	})}
	go func() { _ = srv.Serve(front) }()
	t.Cleanup(func() { _ = srv.Close() })
	return &site{t: t, e: e, URL: base, shots: artifactsDir(t)}, &road
}

// TestFailedSaveSaysSoAndKeepsInput: the facilitator ticks who came and
// saves while the server fails, then while her phone has no signal. Each
// time the page says the change is not saved, in her language, and her
// ticks stay; when the road is open again the same tap saves them.
func TestFailedSaveSaysSoAndKeepsInput(t *testing.T) {
	for _, d := range testkit.Dialects(t) {
		for _, lang := range languages {
			t.Run(string(d)+"/"+lang, func(t *testing.T) {
				s, road := startSiteBehindRoad(t, d)
				e := s.e
				g := e.SignupGroup("Kelompok Sinyal Lemah")
				program := testkit.Str(e.CreateProgram(g, g.OwnerToken, map[string]any{"template_key": "tenun-ikat", "starts_on": "2026-01-05"}), "id")
				for _, name := range []string{"Yuliana Tefa", "Agustina Nomleni"} {
					e.Enroll(g, g.OwnerToken, program, e.CreateBeneficiary(g, g.OwnerToken, map[string]any{"name": name}))
				}
				activity := e.RecordActivity(g, g.OwnerToken, program, "pelatihan", "2026-03-05")

				p := s.phone("facilitator", lang)
				p.open("/login")
				p.onPage("account/login")
				p.fill("email", g.OwnerEmail, "password", testkit.Password)
				p.tap(`main form .actions button[type=submit]`)
				p.onPage("workspace/dashboard")
				p.open("/t/" + g.Slug + "/activities/" + activity + "/attendance")
				p.onPage("programs/attendance")
				p.tap(`ul.toggles li:nth-child(1) label`)
				p.tap(`ul.toggles li:nth-child(2) label`)

				for _, c := range []struct {
					road int32
					key  string
				}{{roadServerFault, "form.request_server"}, {roadCut, "form.request_offline"}} {
					road.Store(c.road)
					p.tap(`.sticky-save button`)
					p.do(chromedp.WaitVisible(chromedp.CSS(`[data-request-error]`)), p.htmxIdle())
					p.sees(p.T(c.key))
					p.shot("failed-" + c.key)
					for _, n := range []string{"1", "2"} {
						checked, err := chromedp.Run(p.ctx, chromedp.Evaluate[bool](`document.querySelector('ul.toggles li:nth-child(`+n+`) input').checked`))
						if err != nil || !checked {
							t.Fatalf("after a failed save (%s) person %s is no longer ticked (%v)", c.key, n, err)
						}
					}
				}
				road.Store(roadOpen)
				p.tap(`.sticky-save button`)
				p.do(chromedp.WaitVisible(chromedp.CSS(`#summary.flash`)), p.htmxIdle())
				p.sees(p.T("programs.attendance_saved"), p.T("programs.present_of", "Present", 2, "Total", 2))
				if body := p.bodyText(); strings.Contains(body, p.T("form.request_offline")) {
					t.Fatal("the failure message stays after a save that worked")
				}
				p.shot("saved")
			})
		}
	}
}
