package funds

import (
	"embed"
	"html/template"
	"strings"

	"github.com/gofiber/fiber/v2"
)

//go:embed templates/receipt.html
var receiptFS embed.FS

// receiptPage is parsed at start-up so a broken template fails fast.
var receiptPage = template.Must(template.ParseFS(receiptFS, "templates/receipt.html"))

// Receipt answers GET /api/v1/public/receipts/{token}.
func (h *Handlers) Receipt(c *fiber.Ctx) error {
	r, err := h.Service.ReceiptByToken(c.UserContext(), c.Params("token"))
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(r.View())
}

// ReceiptPage answers GET /receipts/{token}: the receipt as a page, in the
// donor's language. It is also where Stripe Checkout returns the donor.
func (h *Handlers) ReceiptPage(c *fiber.Ctx) error {
	token := c.Params("token")
	if pdf, ok := strings.CutSuffix(token, ".pdf"); ok {
		return h.receiptPDF(c, pdf)
	}
	r, err := h.Service.ReceiptByToken(c.UserContext(), token)
	if err != nil {
		return err
	}
	v := r.View()
	l := labelsFor(v.Locale)
	c.Set(fiber.HeaderCacheControl, "no-store")
	c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
	return receiptPage.Execute(c.Response().BodyWriter(), map[string]any{
		"V": v, "L": l, "Note": v.note(l), "PDF": "/receipts/" + token + ".pdf"})
}

func (h *Handlers) receiptPDF(c *fiber.Ctx, token string) error {
	r, err := h.Service.ReceiptByToken(c.UserContext(), token)
	if err != nil {
		return err
	}
	v := r.View()
	if v.Status != StatusSucceeded {
		return fiber.ErrNotFound
	}
	b, err := v.PDF()
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	c.Set(fiber.HeaderContentType, "application/pdf")
	c.Set(fiber.HeaderContentDisposition, `inline; filename="receipt.pdf"`)
	return c.Send(b)
}
