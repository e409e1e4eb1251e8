package browser_test

import (
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/testkit"
)

// TestSignupWithoutJavaScript signs a group up in a browser that runs no
// script: the region picker's fallback button posts the form back with the
// regency's places, everything typed kept, and the sign-up still lands.
func TestSignupWithoutJavaScript(t *testing.T) {
	s := startSite(t, db.SQLite)
	p := s.phoneWithoutJS("owner-nojs", "id")
	p.open("/signup")
	p.onPage("account/signup")
	name := "Kelompok Tanpa Skrip " + testkit.Unique("n")
	p.fill("group.name", name)
	p.choose("regency", "53.01")
	p.shot("regency-chosen")
	p.tap(`button[name="step"][value="region"]`)
	p.onPage("account/signup")
	p.sees(p.T("signup.place"))
	if got := p.value(`[name="group.name"]`); got != name {
		t.Fatalf("group name not kept: %q", got)
	}
	p.choose("group.region_code", "53.01.08.2011")
	p.fill("owner.name", "Ina Lado", "owner.email", testkit.Unique("ina")+"@example.org", "owner.password", testkit.Password)
	p.shot("filled")
	// She presses Enter (the phone keyboard's "Go"): the sign-up, not the
	// places button, must be the form's default.
	p.do(discard(chromedp.Evaluate[bool](`(document.body.dataset.left = "1") && true`)),
		chromedp.SendKeys(chromedp.CSS(`[name="owner.password"]`), kb.Enter))
	p.onPage("workspace/dashboard")
	p.sees(p.T("signup.welcome"), name)
	p.shot("workspace")
}
