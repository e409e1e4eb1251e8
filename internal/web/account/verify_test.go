package account_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/jobs"
	"github.com/peduli/peduli/internal/platform/config"
	"github.com/peduli/peduli/internal/testkit"
)

var verifyLink = regexp.MustCompile(`/email/verify/(pdv_[A-Za-z0-9_-]+)`)

// lastVerifyLink returns the token of the newest verification mail to addr,
// waiting for the mail job to send it.
func lastVerifyLink(t *testing.T, e *testkit.Env, sink *testkit.SMTPSink, addr string) string {
	t.Helper()
	var mail []string
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		mail = sink.All()
		for i := len(mail) - 1; i >= 0; i-- {
			if strings.Contains(mail[i], "To: <"+addr+">") {
				if m := verifyLink.FindStringSubmatch(mail[i]); m != nil {
					e.Logs.Forbid(m[1])
					return m[1]
				}
			}
		}
	}
	t.Fatalf("no verification mail to %s in %q", addr, mail)
	return ""
}

// TestEmailVerification: sign-up and an email change mail a one-time link;
// roles granted by email (an invitation accepted by an existing account, a
// coordinator assignment) wait for a verified address, while an unverified
// account still uses its own group.
func TestEmailVerification(t *testing.T) {
	for _, d := range testkit.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			sink := testkit.NewSMTPSink(t)
			e := testkit.New(t, d, func(c *config.Config) { c.SMTPURL = sink.URL("noreply@peduli.test") })
			e.StartJobs()
			testEmailVerification(t, e, sink)
		})
	}
}

func testEmailVerification(t *testing.T, e *testkit.Env, sink *testkit.SMTPSink) {
	g := e.SignupGroup("Kelompok Surel")
	token := lastVerifyLink(t, e, sink, g.OwnerEmail)
	var stored int64
	if err := e.Owner.Global(t.Context()).Table("email_verifications").Where("token_hash = ?", token).Count(&stored).Error; err != nil || stored != 0 {
		t.Fatalf("token stored in clear (%d, %v)", stored, err)
	}
	// Unverified, she still uses her own group.
	e.Do(http.MethodGet, "/api/v1/t/"+g.Slug, g.OwnerToken, nil).Expect(http.StatusOK)
	me := e.BrowserAs(g.OwnerToken)
	me.Get("/email/verify").Expect(http.StatusOK).Contains("belum dipastikan", "Kirim tautan baru")

	// Roles granted by email wait: an invitation to another group…
	other := e.SignupGroup("Kelompok Lain")
	inv := e.Do(http.MethodPost, "/api/v1/t/"+other.Slug+"/team", other.OwnerToken,
		map[string]any{"email": g.OwnerEmail, "role": "admin"}).Expect(http.StatusCreated).Map()
	invToken := testkit.Str(inv, "invitation", "token")
	e.Logs.Forbid(invToken)
	e.Do(http.MethodPost, "/api/v1/invitations/"+invToken+"/accept", "", map[string]any{"password": testkit.Password}).
		ExpectProblem(http.StatusConflict, "email_unverified")
	b := e.Browser()
	b.Get("/invitations/" + invToken).Expect(http.StatusOK)
	b.Post("/invitations/"+invToken, testkit.Form("password", testkit.Password)).
		Expect(http.StatusUnprocessableEntity).Contains("belum memastikan alamat emailnya")
	if _, ok := e.App.Access.RoleIn(g.OwnerID, other.TenantID); ok {
		t.Fatal("unverified account joined another group")
	}
	// …and a coordinator assignment.
	admin := e.PlatformAdmin()
	e.Do(http.MethodPost, "/api/v1/admin/regions/53.01/coordinators", admin.Token, map[string]any{"email": g.OwnerEmail}).
		ExpectProblem(http.StatusConflict, "email_unverified")

	// The link: GET only shows a button (mail scanners spend nothing).
	v := e.Browser()
	v.Get("/email/verify/" + token).Expect(http.StatusOK).Contains("Pastikan email saya")
	if ok, err := e.App.Identity.EmailVerified(t.Context(), g.OwnerID); err != nil || ok {
		t.Fatalf("verified by a GET (%v, %v)", ok, err)
	}
	v.Post("/email/verify/"+token, nil).ExpectRedirect("/login")
	v.Get("/login").Contains("Alamat email Anda sudah dipastikan.")
	if ok, err := e.App.Identity.EmailVerified(t.Context(), g.OwnerID); err != nil || !ok {
		t.Fatalf("not verified (%v, %v)", ok, err)
	}
	e.Browser().Get("/email/verify/" + token).Expect(http.StatusNotFound).Contains("Tautan tidak berlaku")

	// Now both roles reach her.
	e.Do(http.MethodPost, "/api/v1/invitations/"+invToken+"/accept", "", map[string]any{"password": testkit.Password}).
		Expect(http.StatusCreated)
	if role, _ := e.App.Access.RoleIn(g.OwnerID, other.TenantID); role != access.Admin {
		t.Fatalf("role in the other group: %q", role)
	}
	e.Do(http.MethodPost, "/api/v1/admin/regions/53.01/coordinators", admin.Token, map[string]any{"email": g.OwnerEmail}).
		Expect(http.StatusCreated)

	// A new address is unverified again, gets its own link, and a link
	// mailed to the old address no longer works.
	fac := e.AddMember(g, access.Facilitator)
	e.VerifyEmail(fac.UserID)
	e.Do(http.MethodPost, "/api/v1/auth/email", fac.Token, map[string]any{"current_password": testkit.Password, "email": "lama-" + fac.Email}).
		Expect(http.StatusOK)
	old := lastVerifyLink(t, e, sink, "lama-"+fac.Email)
	e.Do(http.MethodPost, "/api/v1/auth/email", fac.Token, map[string]any{"current_password": testkit.Password, "email": "baru-" + fac.Email}).
		Expect(http.StatusOK)
	if ok, _ := e.App.Identity.EmailVerified(t.Context(), fac.UserID); ok {
		t.Fatal("a changed address stayed verified")
	}
	e.Browser().Get("/email/verify/" + old).Expect(http.StatusNotFound)
	fresh := lastVerifyLink(t, e, sink, "baru-"+fac.Email)
	fb := e.BrowserAs(fac.Token)
	fb.Get("/email/verify/" + fresh).Expect(http.StatusOK)
	fb.Post("/email/verify/"+fresh, nil).ExpectRedirect("/t/" + g.Slug)
	if ok, _ := e.App.Identity.EmailVerified(t.Context(), fac.UserID); !ok {
		t.Fatal("new address not verified")
	}

	// Asking for a new link from the page mails one (in English for her).
	third := e.SignupGroup("Kelompok Ketiga")
	tb := e.BrowserAs(third.OwnerToken)
	tb.AcceptLanguage = "en"
	tb.Get("/email/verify").Expect(http.StatusOK).Contains("is not confirmed yet")
	lastVerifyLink(t, e, sink, third.OwnerEmail) // the sign-up's own mail
	before := len(sink.All())
	tb.Post("/email/verify", nil).ExpectRedirect("/email/verify")
	time.Sleep(3 * jobs.PollEvery) // room for a second mail, which must not come
	if len(sink.All()) != before {
		t.Fatal("a second mail within the gap")
	}
}

// TestNoMailLeavesAddressesUnverified: without SMTP the page says so, and
// nothing is mailed or stored.
func TestNoMailLeavesAddressesUnverified(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Tanpa Surat")
		e.BrowserAs(g.OwnerToken).Get("/email/verify").Expect(http.StatusOK).Contains("belum bisa mengirim email")
		var n int64
		if err := e.Owner.Global(t.Context()).Table("email_verifications").Where("email = ?", g.OwnerEmail).Count(&n).Error; err != nil || n != 0 {
			t.Fatalf("verification rows without mail: %d (%v)", n, err)
		}
	})
}
