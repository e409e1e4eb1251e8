package funds_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/peduli/peduli/internal/testkit"
)

func tokenOf(url string) string { return url[strings.LastIndexByte(url, '/')+1:] }

// The page Stripe returns a donor to: while the payment waits it thanks her,
// says the page updates itself (a meta refresh, no script needed) and links
// back to the group; once paid it shows the day received in words, the
// method and the PDF; in the language she gave in.
func TestReceiptPage(t *testing.T) {
	testkit.RunStripe(t, func(t *testing.T, e *testkit.Env) {
		e.ProvisionedGroup("rindu-sejahtera")
		res := e.Do(http.MethodPost, "/api/v1/public/groups/rindu-sejahtera/donations", "", map[string]any{
			"amount": 15000000, "currency": "idr", "interval": "once", "locale": "id",
			"donor": map[string]any{"name": "Maria", "email": "maria.struk@example.org"}}).Expect(http.StatusCreated).Map()
		donation, cs := testkit.Str(res, "donation_id"), testkit.Str(res, "checkout_session_id")
		page := "/receipts/" + tokenOf(testkit.Str(res, "receipt_url"))

		b := e.Browser()
		b.Get(page).Expect(http.StatusOK).Contains("Tanda Terima Donasi", "Terima kasih! Kami sedang menunggu konfirmasi",
			`<meta http-equiv="refresh" content="5">`, `href="/g/rindu-sejahtera"`, "Kembali ke Rindu Sejahtera", "Donasi daring", "Rp 150.000").
			Lacks("Unduh PDF")
		b.Get(page + ".pdf").Expect(http.StatusNotFound)

		payload := testkit.StripeEvent("evt_receipt_"+donation, "checkout.session.completed", map[string]any{
			"id": cs, "object": "checkout.session", "client_reference_id": donation, "mode": "payment",
			"payment_status": "paid", "status": "complete", "amount_total": 15000000, "currency": "idr",
			"payment_intent": "pi_" + donation, "metadata": map[string]any{"donation_id": donation}})
		e.DeliverEvent(payload, testkit.SignEvent(payload, time.Now())).Expect(http.StatusOK)

		day := e.App.Pages.Catalogue.Localizer("id").Date(e.App.Funds.Now().In(time.FixedZone("WITA", 8*3600)))
		b.Get(page).Expect(http.StatusOK).Contains("Terima kasih! Donasi Anda sudah diterima Rindu Sejahtera.",
			"Diterima tanggal", day, "Donasi daring", "Unduh PDF", "Kembali ke Rindu Sejahtera").
			Lacks(`http-equiv="refresh"`, "menunggu konfirmasi")
		b.Get(page + ".pdf").Expect(http.StatusOK)
		// A visitor who chose English on the site reads it in English.
		b.SetCookie("lang", "en")
		b.Get(page).Expect(http.StatusOK).Contains("Donation Receipt", "Thank you!", "Online gift", "Back to Rindu Sejahtera")
	})
}

// A cash gift's receipt shows the day the treasurer says it came, in words,
// not the day she typed it, and that it was cash.
func TestCashReceiptShowsDayReceived(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Struk")
		gift := e.CashGift(g, g.OwnerToken, 5000000)
		e.Browser().Get("/receipts/"+tokenOf(testkit.Str(gift, "receipt_url"))).Expect(http.StatusOK).
			Contains("2 Maret 2026", "Tunai", "Rp 50.000", "Ibu Donatur").Lacks("2026-03-02")
	})
}
