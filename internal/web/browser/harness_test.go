// Package browser_test drives Peduli's pages in a real Chromium (chromedp):
// the journeys a group's team makes on a phone, in both languages, with a
// screenshot of every step.
package browser_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/peduli/peduli/internal/platform/config"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/i18n"
	"github.com/peduli/peduli/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

// chromiumPath is Debian's Chromium, which CI installs.
const chromiumPath = "/usr/bin/chromium"

// Phone is the viewport every journey uses: a cheap Android phone.
const phoneWidth, phoneHeight = 360, 780

// requireChromium skips when Chromium is missing on a developer's machine,
// and fails in CI, where a missing browser would hide a broken journey.
func requireChromium(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("browser tests need %s in CI: %v", chromiumPath, err)
		}
		t.Skipf("browser tests skipped: %s not found (apt-get install chromium); CI runs them", chromiumPath)
	}
}

// site is Peduli served on 127.0.0.1 at a random port for one test.
type site struct {
	t     *testing.T
	e     *testkit.Env
	URL   string
	shots string // screenshot directory
}

// startSite serves a fresh App on dialect d.
func startSite(t *testing.T, d db.Dialect) *site {
	t.Helper()
	requireChromium(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + ln.Addr().String()
	e := testkit.New(t, d, func(c *config.Config) { c.BaseURL = url })
	go func() { _ = e.App.HTTP.Listener(ln) }()
	t.Cleanup(func() { _ = e.App.HTTP.ShutdownWithTimeout(5 * time.Second) })
	return &site{t: t, e: e, URL: url, shots: artifactsDir(t)}
}

// artifactsDir is PEDULI_ARTIFACTS_DIR/<test name>, or a temporary directory.
func artifactsDir(t *testing.T) string {
	base := os.Getenv("PEDULI_ARTIFACTS_DIR")
	if base == "" {
		base = filepath.Join(os.TempDir(), "peduli-artifacts")
	}
	dir := filepath.Join(base, strings.ReplaceAll(t.Name(), "/", "_"))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// phone is one person's phone: her own Chromium with a fresh profile, a
// 360 px wide touch screen and her browser's language.
type phone struct {
	s    *site
	who  string
	lang string
	ctx  context.Context
	n    int
}

// phone starts a browser for who, whose browser asks for lang.
func (s *site) phone(who, lang string) *phone {
	s.t.Helper()
	return s.startPhone(who, lang)
}

// phoneWithoutJS starts a browser with JavaScript switched off, as some
// cheap phones and data-saving browsers run.
func (s *site) phoneWithoutJS(who, lang string) *phone {
	s.t.Helper()
	return s.startPhone(who, lang, chromedp.Flag("blink-settings", "scriptEnabled=false"))
}

func (s *site) startPhone(who, lang string, extra ...chromedp.ExecAllocatorOption) *phone {
	s.t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("accept-lang", lang),
		chromedp.Flag("lang", lang),
		chromedp.UserDataDir(s.t.TempDir()),
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), append(opts, extra...)...)
	// The first run starts the browser; its context carries no timeout
	// (that would stop the browser), each later action gets its own.
	ctx, cancelCtx := chromedp.NewContext(alloc)
	s.t.Cleanup(func() { cancelCtx(); cancelAlloc() })
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(phoneWidth, phoneHeight,
		chromedp.EmulatePortrait, chromedp.EmulateMobile, chromedp.EmulateTouch)); err != nil {
		s.t.Fatalf("start Chromium for %s: %v", who, err)
	}
	return &phone{s: s, who: who, lang: lang, ctx: ctx}
}

// actionTimeout bounds one step, so a page that never shows fails the test
// with a screenshot instead of hanging it.
const actionTimeout = 20 * time.Second

// do runs actions, failing the test with a screenshot on error.
func (p *phone) do(actions ...chromedp.Action[chromedp.Void]) {
	p.s.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, actionTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		p.shot("failed")
		p.s.t.Fatalf("%s's phone: %v", p.who, err)
	}
}

// open loads a path of the site.
func (p *phone) open(path string) { p.s.t.Helper(); p.do(chromedp.Navigate(p.s.URL + path)) }

// onPage waits until the page with the template name shows, then checks
// what every page owes a phone user: no sideways scrolling at 360 px and a
// label for every input.
func (p *phone) onPage(name string) {
	p.s.t.Helper()
	p.do(chromedp.WaitVisible(chromedp.CSS(`body[data-page="`+name+`"]:not([data-left])`)),
		discard(chromedp.Poll[bool](`document.readyState === "complete"`)))
	ctx, cancel := context.WithTimeout(p.ctx, actionTimeout)
	defer cancel()
	problem, err := chromedp.Run(ctx, chromedp.Evaluate[string](pageChecks))
	if err != nil {
		p.s.t.Fatalf("%s's phone: checking %s: %v", p.who, name, err)
	}
	if problem != "" {
		p.shot("check-" + strings.ReplaceAll(name, "/", "-"))
		p.s.t.Fatalf("%s on a %d px phone: %s", name, phoneWidth, problem)
	}
}

// pageChecks returns "" or what is wrong with the page.
const pageChecks = `(() => {
  const wide = document.documentElement.scrollWidth;
  if (wide > window.innerWidth + 1) return "the page is " + wide + " px wide and scrolls sideways";
  const menu = document.querySelector("nav.main");
  if (menu && menu.offsetHeight > 60) return "the menu is " + menu.offsetHeight + " px tall (more than one row)";
  const loose = [...document.querySelectorAll("input[type=radio], input[type=checkbox]")]
    .filter(e => e.offsetParent && getComputedStyle(e).appearance !== "none" && e.getBoundingClientRect().width > 40)
    .map(e => e.name);
  if (loose.length) return "unstyled radio buttons or checkboxes: " + loose.join(", ");
  const unlabelled = [...document.querySelectorAll("input:not([type=hidden]), select, textarea")]
    .filter(e => (!e.labels || e.labels.length === 0) && !e.getAttribute("aria-label"))
    .map(e => e.name || e.id);
  if (unlabelled.length) return "inputs without a label: " + unlabelled.join(", ");
  return "";
})()`

// fill types into inputs by name: fill("email", "a@b", "password", "…").
func (p *phone) fill(pairs ...string) {
	p.s.t.Helper()
	for i := 0; i+1 < len(pairs); i += 2 {
		p.do(chromedp.SendKeys(chromedp.CSS(`[name="`+pairs[i]+`"]`), pairs[i+1]))
	}
}

// choose selects a value in a select and fires change, as a tap would,
// then waits for any htmx request it started to settle.
func (p *phone) choose(name, value string) {
	p.s.t.Helper()
	sel := `[name="` + name + `"]`
	p.do(chromedp.SetValue(chromedp.CSS(sel), value),
		discard(chromedp.Evaluate[bool](`document.querySelector('`+sel+`').dispatchEvent(new Event('change', {bubbles: true}))`)),
		p.htmxIdle())
	if got := p.value(sel); got != value {
		p.shot("choose")
		p.s.t.Fatalf("%s's phone: %s is %q after choosing %q", p.who, name, got, value)
	}
}

// htmxIdle waits until no htmx request, swap or settle is under way.
func (p *phone) htmxIdle() chromedp.Action[chromedp.Void] {
	return discard(chromedp.Poll[bool](`!document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling, .htmx-added')`))
}

// tap clicks the element. The current page is marked first, so that an
// onPage after a tap that loads a page waits for the new one even when it
// has the same template (a form shown again).
func (p *phone) tap(css string) {
	p.s.t.Helper()
	p.do(discard(chromedp.Evaluate[bool](`(document.body.dataset.left = "1") && true`)),
		chromedp.Click(chromedp.CSS(css)))
}

// bodyText returns the page's visible text. It reads innerText in the page
// rather than through DOM node ids, which go stale when a page is replaced.
func (p *phone) bodyText() string {
	p.s.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, actionTimeout)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : ""`))
	if err != nil {
		p.s.t.Fatalf("%s's phone: page text: %v", p.who, err)
	}
	return s
}

// value returns an input's value.
func (p *phone) value(css string) string {
	p.s.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, actionTimeout)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(css)))
	if err != nil {
		p.s.t.Fatalf("%s's phone: value of %s: %v", p.who, css, err)
	}
	return s
}

// sees fails unless the page's text holds every message (translated into
// the phone's language) or literal string.
func (p *phone) sees(texts ...string) {
	p.s.t.Helper()
	body := p.bodyText()
	for _, s := range texts {
		if !strings.Contains(body, s) {
			p.shot("missing")
			p.s.t.Fatalf("%s's phone does not show %q; it shows:\n%s", p.who, s, body)
		}
	}
}

// T translates a message key into the phone's language.
func (p *phone) T(key string, args ...any) string {
	return p.s.e.App.Pages.Catalogue.Localizer(p.lang).T(key, args...)
}

// shot saves a full-page PNG screenshot named after the step.
func (p *phone) shot(step string) {
	p.n++
	ctx, cancel := context.WithTimeout(p.ctx, actionTimeout)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		if !errors.Is(err, context.DeadlineExceeded) {
			p.s.t.Logf("screenshot %s: %v", step, err)
		}
		return
	}
	name := fmt.Sprintf("%s-%02d-%s-%s.png", p.lang, p.n, p.who, step)
	if err := os.WriteFile(filepath.Join(p.s.shots, name), png, 0o644); err != nil {
		p.s.t.Logf("screenshot %s: %v", step, err)
	}
}

// languages are the journeys' languages, Bahasa Indonesia first.
var languages = i18n.Supported

// discard runs an action for its effect only.
func discard[T any](a chromedp.Action[T]) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := a(ctx, t)
		return err
	})
}
