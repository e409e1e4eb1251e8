package groupfund_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

// TestMeetingSheetPage: a treasurer opens the meeting sheet of a
// programme, a wrong cell re-shows it with the message and every typed
// value (nothing saved), and the corrected sheet is saved in one post and
// answered with each member's receipts, in Rupiah, in both languages.
func TestMeetingSheetPage(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Rindu Rapat")
		team := e.Team(g)
		ws := "/t/" + g.Slug
		program := testkit.Str(e.CreateProgram(g, g.OwnerToken, map[string]any{"template_key": "tenun-ikat", "starts_on": "2026-01-05"}), "id")
		var ids []string
		for _, n := range []string{"Yuliana Tefa", "Maria Bria", "Dorkas Nitbani"} {
			id := e.CreateBeneficiary(g, g.OwnerToken, map[string]any{"name": n})
			e.Enroll(g, g.OwnerToken, program, id)
			ids = append(ids, id)
		}
		e.Do(http.MethodPost, "/api/v1/t/"+g.Slug+"/savings/deposits", g.OwnerToken, map[string]any{"beneficiary_id": ids[2],
			"kind": "pokok", "amount": 100_000_000, "paid_on": "2026-01-05"}).Expect(http.StatusCreated)
		loan := e.Do(http.MethodPost, "/api/v1/t/"+g.Slug+"/loans", g.OwnerToken, map[string]any{"beneficiary_id": ids[0],
			"principal": 50_000_000, "fee_percent_per_month": 2, "term_months": 5, "method": "flat", "disbursed_on": "2026-01-05"}).
			Expect(http.StatusCreated).Map()
		lid := loan["id"].(string)
		e.Do(http.MethodPost, "/api/v1/t/"+g.Slug+"/arisan-rounds", g.OwnerToken, map[string]any{"name": "Arisan Rapat",
			"contribution": 2_000_000, "starts_on": "2026-02-01", "draw": "agreement", "members": ids[:2]}).Expect(http.StatusCreated)

		treas := e.BrowserAs(team[access.Treasurer].Token)
		treas.Get(ws+"/meetings/new").Expect(http.StatusOK).Contains("Lembar rapat kelompok", "KUBE Tenun Ikat")
		sheet := ws + "/meetings/new?program_id=" + program
		treas.Get(sheet).Expect(http.StatusOK).Contains("Yuliana Tefa", "Dorkas Nitbani", "Simpanan wajib",
			"Angsuran PJ-2026-00001", "jatuh tempo Rp 550.000")
		// Arisan cells only for the round's members.
		treas.Get(sheet).Expect(http.StatusOK).Contains(`name="arisan.`+ids[0]+`"`, `name="arisan.`+ids[1]+`"`).
			Lacks(`name="arisan.` + ids[2] + `"`)
		en := e.BrowserAs(team[access.Treasurer].Token)
		en.AcceptLanguage = "en"
		en.Get(sheet).Expect(http.StatusOK).Contains("Group meeting sheet", "Compulsory savings", "due Rp 550,000")

		form := func(arisan string) url.Values {
			return testkit.Form("program_id", program, "held_on", "2026-02-05",
				"present."+ids[0], "1", "present."+ids[1], "1",
				"wajib."+ids[0], "10.000", "wajib."+ids[1], "10000", "sukarela."+ids[1], "Rp 5.000",
				"loan."+lid, "110.000", "arisan."+ids[0], arisan, "arisan."+ids[1], "20000")
		}
		treas.Get(sheet)
		treas.Post(ws+"/meetings", form("dua puluh")).Expect(http.StatusUnprocessableEntity).
			Contains("Lembar belum tersimpan", "Tulis jumlah dengan angka", `value="dua puluh"`, `value="Rp 5.000"`)
		if n := e.CountRows("meetings", g.TenantID) + e.CountRows("savings_transactions", g.TenantID); n != 1 {
			t.Fatalf("%d meetings and deposits after a refused sheet, want only the float", n)
		}
		// More than the loan owes: the service refuses it and the cell says so.
		bad := form("20000")
		bad["loan."+lid] = []string{"9.000.000"}
		treas.Get(sheet)
		treas.Post(ws+"/meetings", bad).Expect(http.StatusUnprocessableEntity).Contains("Lebih dari sisa pinjaman.")
		if n := e.CountRows("meetings", g.TenantID); n != 0 {
			t.Fatalf("%d meetings after a refused sheet", n)
		}

		treas.Get(sheet)
		res := treas.Post(ws+"/meetings", form("20.000")).Expect(http.StatusSeeOther)
		if !strings.HasPrefix(res.Location(), ws+"/meetings/") {
			t.Fatalf("redirect to %s", res.Location())
		}
		treas.Get(res.Location()).Expect(http.StatusOK).Contains("Rapat tersimpan", "Kuitansi rapat", "Rp 175.000",
			"Yuliana Tefa", "PJ-2026-00002", "SP-2026-00002", "AR-2026-00001")
		en.Get(res.Location()).Expect(http.StatusOK).Contains("Meeting receipts", "Rp 175,000")

		// Her page says her income comes from her books once she has them.
		ent := e.CreateEnterprise(g, g.OwnerToken, ids[1], nil)
		for _, month := range []string{"2026-08", "2026-09", "2026-10"} {
			e.Do(http.MethodPut, "/api/v1/t/"+g.Slug+"/enterprises/"+ent+"/books/"+month, g.OwnerToken, map[string]any{
				"sales": 400_000_000, "costs": map[string]any{"materials": 100_000_000}}).Expect(http.StatusOK)
		}
		treas.Get(ws+"/beneficiaries/"+ids[1]).Expect(http.StatusOK).Contains("Penghasilan dihitung dari buku usaha.", "Buku simpanan peserta")

		// Her passbook: balances by kind and every deposit with its receipt.
		book := ws + "/beneficiaries/" + ids[1] + "/passbook"
		treas.Get(book).Expect(http.StatusOK).Contains("Buku simpanan peserta", "Maria Bria", "Simpanan wajib", "Rp 10.000",
			"Rp 5.000", "Rp 15.000", "SP-2026-00003")
		en.Get(book).Expect(http.StatusOK).Contains("Member's savings passbook", "Rp 15,000")
		pdf := treas.Get(book + ".pdf").Expect(http.StatusOK)
		if pdf.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(string(pdf.Body), "%PDF") ||
			!strings.Contains(string(pdf.Body), "SP-2026-00003") || !strings.Contains(string(pdf.Body), "Buku simpanan peserta") {
			t.Fatalf("passbook PDF: %s, %d bytes", pdf.Header.Get("Content-Type"), len(pdf.Body))
		}
		if !strings.Contains(string(en.Get(book+".pdf").Expect(http.StatusOK).Body), "Balance") {
			t.Fatalf("English passbook PDF lacks its headings")
		}
		e.BrowserAs(team[access.Viewer].Token).Get(book).Expect(http.StatusForbidden)
		e.BrowserAs(e.SignupGroup("Kelompok Tiga").OwnerToken).Get(book).Expect(http.StatusNotFound)

		// Viewers get the 403 page and no menu entry; another group the 404 page.
		viewer := e.BrowserAs(team[access.Viewer].Token)
		viewer.Get(sheet).Expect(http.StatusForbidden)
		viewer.Get(ws + "/programs").Expect(http.StatusOK).Lacks("Rapat kelompok")
		other := e.SignupGroup("Kelompok Lain")
		e.BrowserAs(other.OwnerToken).Get(sheet).Expect(http.StatusNotFound)
		e.BrowserAs(other.OwnerToken).Get(res.Location()).Expect(http.StatusNotFound)
		treas.Get(sheet)
		f := form("20.000")
		f["_csrf"] = []string{"forged"}
		treas.Post(ws+"/meetings", f).Expect(http.StatusForbidden)
	})
}
