package groupfund

import (
	"bytes"

	"github.com/go-pdf/fpdf"
	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/groupfund"
	"github.com/peduli/peduli/internal/platform/i18n"
	"github.com/peduli/peduli/internal/tenancy"
)

// PassbookPDF answers the passbook as an A4 PDF in the reader's language
// (GET /t/{slug}/beneficiaries/{id}/passbook.pdf): the same audited read
// as the page.
func (h *Handlers) PassbookPDF(c *fiber.Ctx) error {
	ctx, scope, id := c.UserContext(), h.Tenancy.ScopeOf(c), c.Params("id")
	b, err := h.Registry.Get(ctx, scope, tenancy.ActorOf(c), id, false)
	if err != nil {
		return err
	}
	sv, err := h.Fund.MemberSavings(ctx, scope, tenancy.ActorOf(c), id)
	if err != nil {
		return err
	}
	out, err := passbookPDF(h.Pages.Localizer(c), tenancy.TenantOf(c).Name, b.Name, sv)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "application/pdf")
	c.Set(fiber.HeaderContentDisposition, `inline; filename="passbook.pdf"`)
	return c.Send(out)
}

// passbookPDF lays the passbook out on A4: the member, her balances by
// kind and a row per deposit or withdrawal.
func passbookPDF(l *i18n.Localizer, group, name string, sv *groupfund.MemberSavings) ([]byte, error) {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCompression(false) // a few kilobytes either way; plain text stays searchable
	tr := pdf.UnicodeTranslatorFromDescriptor("")
	pdf.SetTitle(l.T("groupfund.passbook.title"), true)
	pdf.AddPage()
	pdf.SetFont("Helvetica", "B", 16)
	pdf.CellFormat(0, 10, tr(l.T("groupfund.passbook.title")), "", 1, "L", false, 0, "")
	pdf.SetFont("Helvetica", "", 11)
	pdf.CellFormat(0, 7, tr(name+" — "+group), "", 1, "L", false, 0, "")
	pdf.Ln(2)
	for _, k := range []struct {
		key    string
		amount int64
	}{{"groupfund.kind.pokok", sv.Balances.Pokok}, {"groupfund.kind.wajib", sv.Balances.Wajib},
		{"groupfund.kind.sukarela", sv.Balances.Sukarela}, {"groupfund.passbook.total", sv.Balances.Total}} {
		pdf.CellFormat(60, 7, tr(l.T(k.key)), "", 0, "L", false, 0, "")
		pdf.CellFormat(50, 7, tr(l.Money(k.amount)), "", 1, "R", false, 0, "")
	}
	pdf.Ln(4)
	widths := []float64{28, 36, 42, 28, 28, 28}
	pdf.SetFont("Helvetica", "B", 9)
	for i, key := range []string{"groupfund.passbook.date", "groupfund.passbook.receipt", "groupfund.passbook.kind",
		"groupfund.passbook.in", "groupfund.passbook.out", "groupfund.passbook.balance"} {
		pdf.CellFormat(widths[i], 7, tr(l.T(key)), "B", 0, "L", false, 0, "")
	}
	pdf.Ln(-1)
	pdf.SetFont("Helvetica", "", 9)
	for _, x := range sv.Transactions {
		in, out := "", ""
		if x.Direction == groupfund.Deposit {
			in = l.Money(x.Amount)
		} else {
			out = l.Money(x.Amount)
		}
		cells := []string{l.ISODate(string(x.PaidOn)), x.ReceiptNo, l.T("groupfund.kind." + x.Kind), in, out, l.Money(x.Balance)}
		for i, s := range cells {
			pdf.CellFormat(widths[i], 6, tr(s), "", 0, "L", false, 0, "")
		}
		pdf.Ln(-1)
	}
	var buf bytes.Buffer
	err := pdf.Output(&buf)
	return buf.Bytes(), err
}
