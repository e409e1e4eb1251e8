package funds

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/funds"
	"github.com/peduli/peduli/internal/web"
)

// donatePage is what /g/{slug}/donate shows.
type donatePage struct {
	Group    *funds.PublicGroup
	Canceled bool
	Presets  []int64 // suggested amounts, minor units
}

var presets = []int64{25_000_00, 50_000_00, 100_000_00, 250_000_00}

var donateFields = []string{"amount", "interval", "program_id", "donor.name", "donor.email", "anonymous", "show_name"}

// Donate shows the donation form (GET /g/{slug}/donate).
func (h *Handlers) Donate(c *fiber.Ctx) error {
	g, err := h.Funds.PublicGroup(c.UserContext(), c.Params("slug"))
	if err != nil {
		return err
	}
	f := web.NewForm("amount", "50000", "interval", "once", "program_id", c.Query("program"))
	return h.Pages.RenderForm(c, fiber.StatusOK, "funds/donate", f,
		donatePage{Group: g, Canceled: c.Query("canceled") != "", Presets: presets})
}

// DonateSubmit records the gift and sends the donor to Stripe Checkout
// (POST /g/{slug}/donate). The amount is typed in whole rupiah.
func (h *Handlers) DonateSubmit(c *fiber.Ctx) error {
	slug := c.Params("slug")
	g, err := h.Funds.PublicGroup(c.UserContext(), slug)
	if err != nil {
		return err
	}
	f := web.ParseForm(c, donateFields...)
	in := funds.GiveInput{Currency: funds.Currency, ProgramID: f.Get("program_id"), Interval: f.Get("interval"),
		Anonymous: f.Get("anonymous") != "", ShowName: f.Get("show_name") != "", Locale: web.Lang(c)}
	in.Donor.Name, in.Donor.Email = f.Get("donor.name"), f.Get("donor.email")
	in.Amount = f.Rupiah("amount")
	page := donatePage{Group: g, Presets: presets}
	if f.OK() {
		out, err := h.Funds.Give(c.UserContext(), slug, in)
		var de *funds.DisabledError
		switch {
		case err == nil:
			return c.Redirect(out.CheckoutURL, fiber.StatusSeeOther)
		case errors.As(err, &de):
			f.Error = "funds.disabled." + de.Reason
		case errors.Is(err, funds.ErrStripeUnavailable):
			f.Error = "funds.donate.unavailable"
		case !f.Fail(err, nil):
			return err
		}
	}
	return h.Pages.RenderForm(c, fiber.StatusUnprocessableEntity, "funds/donate", f, page)
}
