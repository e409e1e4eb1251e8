package public_test

import (
	"net/http"
	"testing"

	"github.com/peduli/peduli/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

func TestLanding(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		e.Browser().Get("/").Expect(http.StatusOK).
			Contains("Untuk kelompok di desa", "Untuk donatur", `href="/signup"`, `href="/login"`, "/g/").Lacks("Kelompok Anda")
		en := e.Browser()
		en.AcceptLanguage = "en-GB,en;q=0.8"
		res := en.Get("/").Expect(http.StatusOK).Contains("For village groups", "For donors")
		if res.Header.Get("Content-Language") != "en" {
			t.Fatalf("Content-Language %q", res.Header.Get("Content-Language"))
		}
		g := e.SignupGroup("Kelompok Landing")
		e.BrowserAs(g.OwnerToken).Get("/").Expect(http.StatusOK).Contains("Kelompok Anda", "Kelompok Landing", "/t/"+g.Slug)
	})
}
