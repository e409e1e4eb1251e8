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
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/testkit"
)

var resetLink = regexp.MustCompile(`/password/reset/(pdr_[A-Za-z0-9_-]+)`)

func TestResetLinkFromTeamPage(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Sandi")
		fac := e.AddMember(g, access.Facilitator)
		team := "/t/" + g.Slug + "/team"
		owner := e.BrowserAs(g.OwnerToken)
		owner.Get(team)
		res := owner.Post(team+"/"+fac.UserID+"/reset", nil).Expect(http.StatusOK).
			Contains("Tautan ganti kata sandi untuk Anggota facilitator sudah siap", "https://wa.me/?text=")
		m := resetLink.FindSubmatch(res.Body)
		if m == nil {
			t.Fatal("no reset link")
		}
		token := string(m[1])
		e.Logs.Forbid(token)

		// Stored hashed only.
		var n int64
		e.Owner.Global(t.Context()).Table("password_resets").Where("token_hash = ?", token).Count(&n)
		if n != 0 {
			t.Fatal("token stored in clear")
		}

		her := e.Browser()
		her.Get("/password/reset/" + token).Expect(http.StatusOK).Contains("Pilih kata sandi baru")
		her.Post("/password/reset/"+token, testkit.Form("password", "kata sandi baru", "password2", "kata sandi lain")).
			Expect(http.StatusUnprocessableEntity).Contains("Kedua kata sandi tidak sama.")
		her.Post("/password/reset/"+token, testkit.Form("password", "kata sandi baru", "password2", "kata sandi baru")).
			ExpectRedirect("/login")
		// Her old session ended; the new password works; the link is spent.
		e.Do(http.MethodGet, "/api/v1/me", fac.Token, nil).Expect(http.StatusUnauthorized)
		her.Get("/login").Contains("Kata sandi sudah diganti.")
		her.Post("/login", testkit.Form("email", fac.Email, "password", "kata sandi baru")).ExpectRedirect("/t/" + g.Slug)
		e.Browser().Get("/password/reset/" + token).Expect(http.StatusNotFound).Contains("Tautan tidak berlaku")

		// An admin may not issue a link for an owner; nobody for a person in another group too.
		admin := e.AddMember(g, access.Admin)
		ab := e.BrowserAs(admin.Token)
		ab.Get(team)
		ab.Post(team+"/"+g.OwnerID+"/reset", nil).Expect(http.StatusForbidden)
		g2 := e.SignupGroup("Kelompok Lain")
		both := e.AddMember(g2, access.Viewer)
		e.VerifyEmail(both.UserID)
		inv := e.Do(http.MethodPost, "/api/v1/t/"+g.Slug+"/team", g.OwnerToken, map[string]any{"email": both.Email, "role": "viewer"}).
			Expect(http.StatusCreated).Map()
		e.Do(http.MethodPost, "/api/v1/invitations/"+testkit.Str(inv, "invitation", "token")+"/accept", "",
			map[string]any{"password": testkit.Password}).Expect(http.StatusCreated)
		owner.Get(team)
		owner.Post(team+"/"+both.UserID+"/reset", nil).ExpectRedirect(team)
		owner.Get(team).Contains("Orang ini juga anggota kelompok atau wilayah lain.")
		// A viewer cannot issue links.
		viewer := e.AddMember(g, access.Viewer)
		vb := e.BrowserAs(viewer.Token)
		vb.Get(team).Lacks("Buat tautan ganti kata sandi")
		vb.Post(team+"/"+fac.UserID+"/reset", nil).Expect(http.StatusForbidden)
	})
}

func TestResetByEmail(t *testing.T) {
	for _, d := range testkit.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			sink := testkit.NewSMTPSink(t)
			e := testkit.New(t, d, func(c *config.Config) {
				c.SMTPURL = sink.URL("noreply@peduli.test")
			})
			e.StartJobs()
			testResetByEmail(t, e, sink, d)
		})
	}
}

// The answer to /password/forgot must not tell whether the address has an
// account, by its text or by its time: the mail goes out after the answer.
func TestForgotAnswersBeforeTheMailIsSent(t *testing.T) {
	for _, d := range testkit.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			sink := testkit.NewSMTPSink(t)
			e := testkit.New(t, d, func(c *config.Config) {
				c.SMTPURL = sink.URL("noreply@peduli.test")
			})
			e.StartJobs()
			g := e.SignupGroup("Kelompok Lambat")
			sink.Wait(t, 1, 20*time.Second) // the sign-up's verification link
			sink.Slow(3 * time.Second)
			b := e.Browser()
			b.Get("/password/forgot")
			started := time.Now()
			b.Post("/password/forgot", testkit.Form("email", g.OwnerEmail)).ExpectRedirect("/login")
			known := time.Since(started)
			if known >= time.Second || len(sink.All()) != 1 {
				t.Fatalf("the answer for an existing account waited for the mail server: %s, %d mails", known, len(sink.All()))
			}
			b.Get("/password/forgot")
			started = time.Now()
			b.Post("/password/forgot", testkit.Form("email", "belum-terdaftar@example.org")).ExpectRedirect("/login")
			unknown := time.Since(started)
			t.Logf("forgot: existing account %s, unknown address %s", known, unknown)
			mail := sink.Wait(t, 2, 20*time.Second)
			if !strings.Contains(mail[1], "To: <"+g.OwnerEmail+">") || !resetLink.MatchString(mail[1]) {
				t.Fatalf("mail: %s", mail[1])
			}
		})
	}
}

func testResetByEmail(t *testing.T, e *testkit.Env, sink *testkit.SMTPSink, _ db.Dialect) {
	g := e.SignupGroup("Kelompok Surat")
	b := e.Browser()
	b.Get("/password/forgot").Expect(http.StatusOK).Contains("Atau lewat email", "Minta pemilik atau admin")
	// An unknown address gets the same answer and no mail.
	b.Post("/password/forgot", testkit.Form("email", "tidak-ada@example.org")).ExpectRedirect("/login")
	b.Get("/password/forgot")
	b.Post("/password/forgot", testkit.Form("email", g.OwnerEmail)).ExpectRedirect("/login")
	b.Get("/login").Contains("Bila email itu terdaftar")
	// Asking again at once sends nothing more (no inbox flooding).
	b.Get("/password/forgot")
	b.Post("/password/forgot", testkit.Form("email", g.OwnerEmail)).ExpectRedirect("/login")
	sink.Wait(t, 2, 15*time.Second) // the sign-up's verification link and the reset link
	time.Sleep(3 * jobs.PollEvery)  // room for a second reset mail, which must not come
	var mail []string
	for _, m := range sink.All() {
		if resetLink.MatchString(m) {
			mail = append(mail, m)
		}
	}
	if len(mail) != 1 || !strings.Contains(mail[0], "To: <"+g.OwnerEmail+">") {
		t.Fatalf("mail sent: %q", mail)
	}
	m := resetLink.FindStringSubmatch(mail[0])
	if m == nil {
		t.Fatalf("no link in mail: %s", mail[0])
	}
	e.Logs.Forbid(m[1])
	b.Get("/password/reset/" + m[1]).Expect(http.StatusOK)
	b.Post("/password/reset/"+m[1], testkit.Form("password", "sandi dari email", "password2", "sandi dari email")).ExpectRedirect("/login")
	b.Get("/login")
	b.Post("/login", testkit.Form("email", g.OwnerEmail, "password", "sandi dari email")).ExpectRedirect("/t/" + g.Slug)
}

func TestForgotWithoutMail(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		b := e.Browser()
		b.AcceptLanguage = "en"
		b.Get("/password/forgot").Expect(http.StatusOK).Contains("Ask your group's owner or an admin").Lacks("Or by email")
	})
}
