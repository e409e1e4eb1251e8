package funds_test

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/testkit"
)

// A donor gives to Rindu Sejahtera's weaving program against stripe-mock,
// Stripe confirms it, the treasurer sees it in the ledger, the public sees
// the totals (and not the donor's name), and the donor gets her receipt.
func TestDonorGivesToWeavingProgram(t *testing.T) {
	testkit.RunStripe(t, func(t *testing.T, e *testkit.Env) {
		e.Logs.Forbid("maria.donatur@example.org", "Maria Donatur")
		g := e.ProvisionedGroup(rindu)
		treasurer := e.AddMember(g, access.Treasurer)
		program := weaving(e, g)
		before := e.Do(http.MethodGet, "/api/v1/public/groups/"+rindu+"/ledger", "", nil).Expect(http.StatusOK).Map()

		body := gift(15000000, "once")
		body["program_id"], body["locale"] = program, "en"
		res := e.Do(http.MethodPost, "/api/v1/public/groups/"+rindu+"/donations", "", body).Expect(http.StatusCreated).Map()
		donation, cs := testkit.Str(res, "donation_id"), testkit.Str(res, "checkout_session_id")
		receiptURL := testkit.Str(res, "receipt_url")
		token := receiptURL[strings.LastIndexByte(receiptURL, '/')+1:]

		// before Stripe confirms: the receipt page says so, no PDF
		e.Do(http.MethodGet, "/api/v1/public/receipts/"+token, "", nil).Expect(http.StatusOK)
		e.Do(http.MethodGet, "/receipts/"+token+".pdf", "", nil).Expect(http.StatusNotFound)

		deliver(e, completed("evt_journey_"+donation, donation, cs, 15000000)).Expect(http.StatusOK)

		// the treasurer sees the gift earmarked to weaving, with the donor's email
		l := e.Do(http.MethodGet, "/api/v1/t/"+rindu+"/ledger", treasurer.Token, nil).Expect(http.StatusOK).Map()
		found := false
		for _, it := range l["items"].([]any) {
			m := it.(map[string]any)
			if m["donation_id"] == donation && m["program_id"] == program && m["amount"].(float64) == 15000000 && m["source"] == "online" {
				found = true
			}
		}
		if !found {
			t.Fatalf("the gift is not in the treasurer's ledger: %v", l["items"])
		}
		ds := e.Do(http.MethodGet, "/api/v1/t/"+rindu+"/donations", treasurer.Token, nil).Expect(http.StatusOK)
		if !bytes.Contains(ds.Body, []byte("maria.donatur@example.org")) {
			t.Fatalf("the treasurer does not see the donor")
		}

		// the public sees the totals and the weaving program's money, never the name
		pub := e.Do(http.MethodGet, "/api/v1/public/groups/"+rindu+"/ledger", "", nil).Expect(http.StatusOK)
		if bytes.Contains(pub.Body, []byte("Maria")) || bytes.Contains(pub.Body, []byte("maria.donatur")) {
			t.Fatalf("the public ledger names a donor who did not choose it: %s", pub.Body)
		}
		m := pub.Map()
		income := func(x map[string]any) float64 { return x["totals"].(map[string]any)["income"].(float64) }
		if income(m)-income(before) != 15000000 {
			t.Fatalf("public income grew by %v", income(m)-income(before))
		}
		weavingTotal := 0.0
		for _, p := range m["by_program"].([]any) {
			pm := p.(map[string]any)
			if pm["program_id"] == program {
				weavingTotal = pm["income"].(float64)
			}
		}
		if weavingTotal != 15000000 {
			t.Fatalf("weaving program income %v: %v", weavingTotal, m["by_program"])
		}
		if m["income_by_source"].(map[string]any)["online"].(float64) < 15000000 {
			t.Fatalf("income by source %v", m["income_by_source"])
		}

		// the receipt: JSON, page and PDF in the donor's language
		r := e.Do(http.MethodGet, "/api/v1/public/receipts/"+token, "", nil).Expect(http.StatusOK).Map()
		if r["status"] != "succeeded" || !strings.HasPrefix(testkit.Str(r, "receipt_number"), "YPN/") || r["amount_text"] != "Rp 150.000" {
			t.Fatalf("receipt %v", r)
		}
		page := e.Do(http.MethodGet, "/receipts/"+token, "", nil).Expect(http.StatusOK)
		if !bytes.Contains(page.Body, []byte("Donation Receipt")) || !bytes.Contains(page.Body, []byte("Rp 150.000")) {
			t.Fatalf("receipt page: %s", page.Body)
		}
		pdf := e.Do(http.MethodGet, "/receipts/"+token+".pdf", "", nil).Expect(http.StatusOK)
		if !bytes.HasPrefix(pdf.Body, []byte("%PDF-")) {
			t.Fatalf("not a PDF")
		}
		e.Do(http.MethodGet, "/api/v1/public/receipts/"+strings.Repeat("x", 32), "", nil).ExpectProblem(404, "not_found")
	})
}

func TestPublicLedgerNamesOnlyDonorsWhoChoseIt(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Terbuka")
		base := "/api/v1/t/" + g.Slug
		named := map[string]any{"amount": 10000000, "currency": "idr", "method": "cash", "received_on": "2026-03-02",
			"donor": map[string]any{"name": "Ibu Terbuka"}, "show_name": true}
		hidden := map[string]any{"amount": 10000000, "currency": "idr", "method": "transfer", "received_on": "2026-03-03",
			"donor": map[string]any{"name": "Bapak Tersembunyi"}}
		e.Do(http.MethodPost, base+"/donations", g.OwnerToken, named).Expect(http.StatusCreated)
		e.Do(http.MethodPost, base+"/donations", g.OwnerToken, hidden).Expect(http.StatusCreated)
		e.Do(http.MethodPost, base+"/ledger", g.OwnerToken, map[string]any{"kind": "expense", "amount": 3000000,
			"currency": "idr", "category": "operasional", "occurred_on": "2026-03-04"}).Expect(http.StatusCreated)

		pub := e.Do(http.MethodGet, "/api/v1/public/groups/"+g.Slug+"/ledger", "", nil).Expect(http.StatusOK)
		if !bytes.Contains(pub.Body, []byte("Ibu Terbuka")) || bytes.Contains(pub.Body, []byte("Tersembunyi")) {
			t.Fatalf("public ledger: %s", pub.Body)
		}
		oc := pub.Map()["operating_cost"].(map[string]any)
		if oc["share_percent"].(float64) != 15 || oc["within_cap"] != false || oc["cap_percent"].(float64) != 10 {
			t.Fatalf("operating cost %v", oc)
		}
	})
}

func TestHostsAdmin(t *testing.T) {
	testkit.RunStripe(t, func(t *testing.T, e *testkit.Env) {
		admin := e.PlatformAdmin()
		g := e.SignupGroup("Kelompok Kabupaten")
		e.VerifyGroup(g)
		secret := "sk_test_hostOwnKey4242"
		e.Logs.Forbid(secret, "whsec_hostOwnSecret4242")
		host := map[string]any{"key": testkit.Unique("yayasan-kupang"), "name": "Yayasan Kupang",
			"permit":            map[string]any{"number": "460/0099/PUB/2026", "area": "Kabupaten Kupang", "valid_from": "2026-01-01", "valid_until": "2026-02-01"},
			"stripe_secret_key": secret, "stripe_webhook_secret": "whsec_hostOwnSecret4242"}

		e.Do(http.MethodPost, "/api/v1/admin/hosts", g.OwnerToken, host).ExpectProblem(403, "forbidden")
		e.Do(http.MethodPost, "/api/v1/admin/hosts", "", host).ExpectProblem(401, "unauthenticated")
		res := e.Do(http.MethodPost, "/api/v1/admin/hosts", admin.Token, host).Expect(http.StatusCreated)
		if bytes.Contains(res.Body, []byte(secret)) || res.Map()["own_keys"] != true {
			t.Fatalf("host answer: %s", res.Body)
		}
		var sealedKey string
		e.Owner.Global(t.Context()).Raw("SELECT stripe_secret_sealed FROM hosts WHERE key = ?", host["key"]).Row().Scan(&sealedKey)
		if sealedKey == "" || strings.Contains(sealedKey, secret) {
			t.Fatalf("the host's key is not sealed")
		}
		list := e.Do(http.MethodGet, "/api/v1/admin/hosts", admin.Token, nil).Expect(http.StatusOK)
		if bytes.Contains(list.Body, []byte(secret)) {
			t.Fatalf("the host list shows a secret")
		}
		e.Do(http.MethodPost, "/api/v1/admin/hosts", admin.Token, host).ExpectProblem(409, "host_exists")

		// attached to a host whose permit has lapsed: no online gifts, and the page says why
		e.Do(http.MethodPost, "/api/v1/admin/hosts/"+host["key"].(string)+"/groups", admin.Token, map[string]any{"slug": g.Slug}).Expect(http.StatusOK)
		pub := e.Do(http.MethodGet, "/api/v1/public/groups/"+g.Slug, "", nil).Expect(http.StatusOK).Map()
		if pub["donations_enabled"] != false || pub["donations_disabled_reason"] != "host_permit_not_valid" {
			t.Fatalf("lapsed permit: %v", pub)
		}
		e.Do(http.MethodPost, "/api/v1/public/groups/"+g.Slug+"/donations", "", gift(5000000, "once")).ExpectProblem(409, "donations_disabled")
		e.Do(http.MethodPost, "/api/v1/admin/hosts/no-such-host/groups", admin.Token, map[string]any{"slug": g.Slug}).ExpectProblem(404, "not_found")
		e.Do(http.MethodPost, "/api/v1/admin/hosts/yayasan-peduli-nusantara/groups", admin.Token, map[string]any{"slug": "nope-nope"}).ExpectProblem(422, "validation_failed")

		// back on the default host: giving works
		e.Do(http.MethodPost, "/api/v1/admin/hosts/yayasan-peduli-nusantara/groups", admin.Token, map[string]any{"slug": g.Slug}).Expect(http.StatusOK)
		e.Do(http.MethodPost, "/api/v1/public/groups/"+g.Slug+"/donations", "", gift(5000000, "once")).Expect(http.StatusCreated)
	})
}

func TestFundsRoutesIsolation(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		a, b := e.SignupGroup("Kelompok A"), e.SignupGroup("Kelompok B")
		teamA := e.Team(a)
		bEntry := e.LedgerExpenseWithReceipt(b, b.OwnerToken)
		e.CashGift(b, b.OwnerToken, 2000000)
		// a member of A, whatever her role, cannot reach B's money
		for _, m := range teamA {
			for _, req := range [][2]string{{"GET", "/donations"}, {"GET", "/ledger"}, {"POST", "/ledger/" + bEntry + "/reverse"},
				{"POST", "/ledger/" + bEntry + "/approve"}, {"GET", "/ledger/" + bEntry + "/receipt"}} {
				e.Do(req[0], "/api/v1/t/"+b.Slug+req[1], m.Token, nil).ExpectProblem(404, "not_found")
			}
			// B's entry id under A's slug is not found either (or forbidden for a role without the permission)
			res := e.Do(http.MethodGet, "/api/v1/t/"+a.Slug+"/ledger/"+bEntry+"/receipt", m.Token, nil)
			if res.Status != 404 && !(res.Status == 403 && !e.App.Access.RoleMay(m.Role, access.LedgerRead)) {
				t.Fatalf("%s reading B's receipt under A: %d", m.Role, res.Status)
			}
		}
		if n := e.CountRows("ledger_entries", b.TenantID); n != 2 {
			t.Fatalf("B's ledger has %d entries", n)
		}
	})
}
