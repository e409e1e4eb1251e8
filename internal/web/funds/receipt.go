package funds

import (
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/funds"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/web"
)

// receiptPage is what /receipts/{token} shows the donor.
type receiptPage struct {
	V         funds.ReceiptView
	GroupSlug string
	Method    string // the donation's channel: online, cash, transfer, in_kind
	PDF       string
	// Refresh is how many seconds until the page reloads itself while the
	// payment waits for Stripe's confirmation; 0 once it is settled.
	Refresh int
}

// receiptRefresh is how often a pending receipt reloads: Stripe's
// confirmation usually arrives within seconds of the donor's return.
const receiptRefresh = 5

// Receipt shows a donor her receipt (GET /receipts/{token}), in the language
// she gave in unless she chose another on this site; it is also where Stripe
// Checkout returns her. "{token}.pdf" is the printable PDF once paid.
func (h *Handlers) Receipt(c *fiber.Ctx) error {
	token := c.Params("token")
	pdf, isPDF := strings.CutSuffix(token, ".pdf")
	if isPDF {
		token = pdf
	}
	r, err := h.Funds.ReceiptByToken(c.UserContext(), token)
	if err != nil {
		return err
	}
	v := r.View()
	c.Set(fiber.HeaderCacheControl, "no-store")
	if isPDF {
		if v.Status != funds.StatusSucceeded {
			return errs.ErrNotFound
		}
		b, err := v.PDF()
		if err != nil {
			return err
		}
		c.Set(fiber.HeaderContentType, "application/pdf")
		c.Set(fiber.HeaderContentDisposition, `inline; filename="receipt.pdf"`)
		return c.Send(b)
	}
	web.PreferLang(c, v.Locale)
	page := receiptPage{V: v, GroupSlug: r.GroupSlug, Method: v.Method, PDF: "/receipts/" + token + ".pdf"}
	if v.Status == funds.StatusPending {
		page.Refresh = receiptRefresh
	}
	return h.Pages.Render(c, "funds/receipt", page)
}
