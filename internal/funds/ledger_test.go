package funds_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/testkit"
)

func cash(amount int64, method string) map[string]any {
	b := map[string]any{"amount": amount, "currency": "idr", "method": method, "received_on": "2026-03-02",
		"donor": map[string]any{"name": "Bapak Yohanes", "email": "yohanes.donor@example.org"}}
	if method == "in_kind" {
		b["description"] = "20 kg benang tenun"
	}
	return b
}

func TestHandRecordedGiftsAndDonorEmails(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		e.Logs.Forbid("yohanes.donor@example.org", "Bapak Yohanes")
		g := e.SignupGroup("Kelompok Tenun")
		team := e.Team(g)
		path := "/api/v1/t/" + g.Slug + "/donations"

		numbers := map[string]bool{}
		for _, m := range []string{"cash", "transfer", "in_kind"} {
			d := e.Do(http.MethodPost, path, team[access.Treasurer].Token, cash(2500000, m)).Expect(http.StatusCreated).Map()
			if d["status"] != "succeeded" || d["method"] != m || numbers[testkit.Str(d, "receipt_number")] {
				t.Fatalf("%s gift: %v", m, d)
			}
			numbers[testkit.Str(d, "receipt_number")] = true
		}
		// in-kind needs a description; bad input writes nothing
		before := e.CountRows("donations", g.TenantID)
		bad := cash(2500000, "in_kind")
		delete(bad, "description")
		e.Do(http.MethodPost, path, team[access.Treasurer].Token, bad).ExpectProblem(422, "validation_failed")
		e.Do(http.MethodPost, path, team[access.Treasurer].Token, map[string]any{"amount": -5, "currency": "idr", "method": "cash", "received_on": "2026-03-02"}).ExpectProblem(422, "validation_failed")
		e.Do(http.MethodPost, path, team[access.Treasurer].Token, `{"amount":`).ExpectProblem(400, "malformed_request")
		if n := e.CountRows("donations", g.TenantID); n != before {
			t.Fatalf("bad input wrote %d donations", n-before)
		}

		// the treasurer sees donors' emails; a facilitator and a viewer do not
		list := e.Do(http.MethodGet, path, team[access.Treasurer].Token, nil).Expect(http.StatusOK)
		if !bytes.Contains(list.Body, []byte("yohanes.donor@example.org")) {
			t.Fatalf("treasurer does not see donor emails")
		}
		for _, r := range []access.Role{access.Facilitator, access.Viewer} {
			list := e.Do(http.MethodGet, path, team[r].Token, nil).Expect(http.StatusOK)
			if bytes.Contains(list.Body, []byte("yohanes.donor@example.org")) || !bytes.Contains(list.Body, []byte("2500000")) {
				t.Fatalf("%s sees: %s", r, list.Body)
			}
		}
		// lesser roles may not record gifts
		for _, r := range []access.Role{access.Facilitator, access.Viewer} {
			e.Do(http.MethodPost, path, team[r].Token, cash(100000, "cash")).ExpectProblem(403, "forbidden")
		}
		// every gift is in the ledger
		l := e.Do(http.MethodGet, "/api/v1/t/"+g.Slug+"/ledger", team[access.Treasurer].Token, nil).Expect(http.StatusOK).Map()
		if income := l["totals"].(map[string]any)["income"].(float64); income != 7500000 {
			t.Fatalf("ledger income %v", income)
		}
	})
}

func TestLedgerEntriesApprovalAndReversal(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Kas")
		team := e.Team(g)
		treasurer, owner := team[access.Treasurer].Token, g.OwnerToken
		base := "/api/v1/t/" + g.Slug + "/ledger"

		e.Do(http.MethodPut, base+"/settings", treasurer, map[string]any{"approval_threshold": 50000000}).ExpectProblem(403, "forbidden")
		e.Do(http.MethodPut, base+"/settings", owner, map[string]any{"approval_threshold": 50000000}).Expect(http.StatusOK)

		e.Do(http.MethodPost, base, treasurer, map[string]any{"kind": "income", "amount": 100000000, "currency": "idr",
			"category": "iuran", "occurred_on": "2026-03-01"}).Expect(http.StatusCreated)
		small := e.Do(http.MethodPost, base, treasurer, map[string]any{"kind": "expense", "amount": 2000000, "currency": "idr",
			"category": "operasional", "occurred_on": "2026-03-02", "note": "pulsa"}).Expect(http.StatusCreated).Map()
		if small["needs_approval"] != false {
			t.Fatalf("a small expense needs no approval: %v", small)
		}
		big := e.Do(http.MethodPost, base, treasurer, map[string]any{"kind": "expense", "amount": 60000000, "currency": "idr",
			"category": "bahan", "occurred_on": "2026-03-03", "note": "benang"}).Expect(http.StatusCreated).Map()
		if big["needs_approval"] != true {
			t.Fatalf("a big expense needs approval: %v", big)
		}
		totals := func() map[string]any {
			return e.Do(http.MethodGet, base, treasurer, nil).Expect(http.StatusOK).Map()["totals"].(map[string]any)
		}
		if b := totals()["balance"].(float64); b != 98000000 {
			t.Fatalf("balance before approval %v", b)
		}
		bigID := testkit.Str(big, "id")
		e.Do(http.MethodPost, base+"/"+bigID+"/approve", treasurer, nil).ExpectProblem(409, "approver_is_creator")
		e.Do(http.MethodPost, base+"/"+bigID+"/approve", team[access.Facilitator].Token, nil).ExpectProblem(403, "forbidden")
		e.Do(http.MethodPost, base+"/"+bigID+"/approve", owner, nil).Expect(http.StatusOK)
		e.Do(http.MethodPost, base+"/"+bigID+"/approve", team[access.Admin].Token, nil).ExpectProblem(409, "already_approved")
		if b := totals()["balance"].(float64); b != 38000000 {
			t.Fatalf("balance after approval %v", b)
		}

		// a correction is a reversing entry, once
		smallID := testkit.Str(small, "id")
		rev := e.Do(http.MethodPost, base+"/"+smallID+"/reverse", treasurer, map[string]any{"note": "salah catat"}).Expect(http.StatusCreated).Map()
		if rev["amount"].(float64) != -2000000 || testkit.Str(rev, "reverses_id") != smallID {
			t.Fatalf("reversal %v", rev)
		}
		e.Do(http.MethodPost, base+"/"+smallID+"/reverse", treasurer, nil).ExpectProblem(409, "already_reversed")
		e.Do(http.MethodPost, base+"/"+testkit.Str(rev, "id")+"/reverse", treasurer, nil).ExpectProblem(409, "is_reversal")
		if b := totals()["balance"].(float64); b != 40000000 {
			t.Fatalf("balance after reversal %v", b)
		}
		// bad input writes nothing
		n := e.CountRows("ledger_entries", g.TenantID)
		e.Do(http.MethodPost, base, treasurer, map[string]any{"kind": "expense", "amount": 100, "currency": "idr", "occurred_on": "2026-03-03"}).ExpectProblem(422, "validation_failed")
		e.Do(http.MethodPost, base, treasurer, map[string]any{"kind": "gift", "amount": 100, "currency": "idr", "occurred_on": "2026-03-03"}).ExpectProblem(422, "validation_failed")
		e.Do(http.MethodPost, base, treasurer, map[string]any{"kind": "income", "amount": 100, "currency": "idr", "occurred_on": "2099-01-01"}).ExpectProblem(422, "validation_failed")
		if m := e.CountRows("ledger_entries", g.TenantID); m != n {
			t.Fatalf("bad input wrote %d entries", m-n)
		}
		e.Do(http.MethodGet, base, team[access.Facilitator].Token, nil).ExpectProblem(403, "forbidden")
		e.Do(http.MethodPost, base, team[access.Viewer].Token, map[string]any{"kind": "income", "amount": 100, "currency": "idr", "occurred_on": "2026-03-03"}).ExpectProblem(403, "forbidden")
	})
}

func receiptUpload(t *testing.T, e *testkit.Env, slug, token string, file []byte) *testkit.Response {
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for k, v := range map[string]string{"kind": "expense", "amount": "1500000", "currency": "idr", "category": "bahan", "occurred_on": "2026-03-04"} {
		w.WriteField(k, v)
	}
	fw, _ := w.CreateFormFile("receipt", "nota.jpg")
	fw.Write(file)
	w.Close()
	req := httptest.NewRequest(http.MethodPost, "/api/v1/t/"+slug+"/ledger", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+token)
	return e.Send(req)
}

func TestExpenseReceiptUpload(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Nota")
		pdf := append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte{0}, 64)...)
		res := receiptUpload(t, e, g.Slug, g.OwnerToken, pdf).Expect(http.StatusCreated).Map()
		if res["has_receipt"] != true {
			t.Fatalf("entry %v", res)
		}
		file := e.Do(http.MethodGet, "/api/v1/t/"+g.Slug+"/ledger/"+testkit.Str(res, "id")+"/receipt", g.OwnerToken, nil).Expect(http.StatusOK)
		checkReceiptFile(t, file, pdf)
		// The local store keeps the layout files had before it existed, so
		// receipts uploaded earlier are still served.
		if stored, _ := filepath.Glob(filepath.Join(e.App.Config.DataDir, "uploads", "receipts", g.TenantID, "*.pdf")); len(stored) != 1 {
			t.Fatalf("receipt files on disk: %v", stored)
		}
		n := e.CountRows("ledger_entries", g.TenantID)
		receiptUpload(t, e, g.Slug, g.OwnerToken, []byte("<html><script>alert(1)</script></html>")).ExpectProblem(422, "validation_failed")
		receiptUpload(t, e, g.Slug, g.OwnerToken, append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte{1}, 5<<20)...)).ExpectProblem(422, "validation_failed")
		if m := e.CountRows("ledger_entries", g.TenantID); m != n {
			t.Fatalf("rejected uploads wrote %d entries", m-n)
		}
	})
}

// checkReceiptFile checks a downloaded receipt: its bytes, and the headers
// that keep a browser from rendering or caching it.
func checkReceiptFile(t *testing.T, file *testkit.Response, want []byte) {
	t.Helper()
	h := file.Header
	if h.Get("Content-Type") != "application/pdf" || !bytes.Equal(file.Body, want) ||
		h.Get("Content-Disposition") != "attachment" || h.Get("Cache-Control") != "no-store" ||
		h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Content-Length") != strconv.Itoa(len(want)) {
		t.Fatalf("stored receipt: %d bytes, headers %v", len(file.Body), h)
	}
}
