package funds_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/peduli/peduli/internal/testkit"
)

// TestPublicGroupPageShowsWhatDonorsLookFor: the profile the chair wrote,
// figures under the small-cell rules, money only as the ledger counts it,
// programs with their earmarked gifts, contact and a WhatsApp share link;
// the landing page lists verified groups, found by place.
func TestPublicGroupPageShowsWhatDonorsLookFor(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroupIn("Rindu Noelbaki", "53.01.08.2011")
		e.VerifyGroup(g)
		e.SignupGroupIn("Kelompok Belum Diverifikasi", "53.01.08.2011")
		owner := e.BrowserAs(g.OwnerToken)
		settings := "/t/" + g.Slug + "/settings"
		owner.Get(settings)
		owner.Post(settings+"/profile", testkit.Form("story", "Kami menenun bersama sejak 2019.", "story_en", "We have woven together since 2019.",
			"work", "Tenun ikat", "meeting_place", "Balai Desa Noelbaki", "contact_whatsapp", "0812 3456 7890")).ExpectRedirect(settings)

		a := e.CreateBeneficiary(g, g.OwnerToken, nil)
		pid := testkit.Str(e.CreateProgram(g, g.OwnerToken, map[string]any{"template_key": "tenun-ikat", "starts_on": "2026-01-05"}), "id")
		e.Enroll(g, g.OwnerToken, pid, a)
		act := e.RecordActivity(g, g.OwnerToken, pid, "pertemuan_kelompok", time.Now().UTC().Format("2006-01-02"))
		e.Do(http.MethodPut, "/api/v1/t/"+g.Slug+"/activities/"+act+"/attendance", g.OwnerToken,
			map[string]any{"present": []string{a}}).Expect(http.StatusOK)
		e.CashGift(g, g.OwnerToken, 20000000) // Rp 200.000, not earmarked
		e.Do(http.MethodPost, "/api/v1/t/"+g.Slug+"/donations", g.OwnerToken, map[string]any{
			"amount": 30000000, "currency": "idr", "method": "cash", "received_on": "2026-03-02", "program_id": pid,
			"donor": map[string]any{"name": "Ibu Donatur"}}).Expect(http.StatusCreated)
		// Above the approval threshold and not yet approved: not money out.
		e.LedgerExpenseWithReceipt(g, g.OwnerToken)
		e.RefreshFigures()

		page := e.Browser().Get("/g/" + g.Slug).Expect(http.StatusOK)
		page.Contains("Kami menenun bersama sejak 2019.", "Tenun ikat", "Balai Desa Noelbaki",
			`id="fig-served"><span class="n"><5</span>`, `id="fig-programs"><span class="n">1</span>`,
			`id="fig-attendance"><span class="n">tersembunyi (terlalu sedikit orang)</span>`,
			`id="fig-in"><span class="n">Rp 500.000</span>`, `id="fig-out"><span class="n">Rp 0</span>`,
			"Rp 300.000 diterima untuk program ini",
			`href="https://wa.me/6281234567890"`, `href="tel:+6281234567890"`, `href="https://wa.me/?text=`, "Bagikan lewat WhatsApp")
		if !strings.Contains(string(page.Body), "%2Fg%2F"+g.Slug) {
			t.Errorf("the share link does not carry the page's address")
		}
		en := e.Browser()
		en.AcceptLanguage = "en"
		en.Get("/g/"+g.Slug).Expect(http.StatusOK).Contains("We have woven together since 2019.", "people served", "money in",
			"Rp 300,000 received for this program", "Share on WhatsApp")

		// The landing page lists verified groups, found by place.
		e.Browser().Get("/").Expect(http.StatusOK).Contains("Kelompok terverifikasi", "/g/"+g.Slug).Lacks("Kelompok Belum Diverifikasi")
		e.Browser().Get("/?q=noelbaki").Expect(http.StatusOK).Contains("Rindu Noelbaki")
		e.Browser().Get("/?q=Kota+Lain").Expect(http.StatusOK).Lacks("Rindu Noelbaki").Contains(`Tidak ada kelompok terverifikasi di "Kota Lain"`)
		e.Browser().Get("/?q=%25").Expect(http.StatusOK).Lacks("Rindu Noelbaki")
	})
}
