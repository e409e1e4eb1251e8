package funds

import (
	"errors"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/funds"
	"github.com/peduli/peduli/internal/web"
)

// donatePage is what /g/{slug}/donate shows.
type donatePage struct {
	Group    *funds.PublicGroup
	Canceled bool
	Presets  []presetAmount
}

// presetAmount is a suggested amount: its form value in whole rupiah and
// its minor units for display.
type presetAmount struct {
	Rupiah string
	Minor  int64
}

func presetAmounts() []presetAmount {
	out := make([]presetAmount, len(presets))
	for i, p := range presets {
		out[i] = presetAmount{Rupiah: strconv.FormatInt(p/100, 10), Minor: p}
	}
	return out
}

var presets = []int64{25_000_00, 50_000_00, 100_000_00, 250_000_00}

var donateFields = []string{"amount", "interval", "program_id", "donor.name", "donor.email", "anonymous", "show_name",
	"preset", "name_shown"}

// Ways a donor's name may appear, one choice (name_shown): only to the
// group, on the open ledger too, or nowhere (an anonymous gift).
const (
	namePrivate   = "private"
	namePublic    = "public"
	nameAnonymous = "anonymous"
)

// chosen applies the form's one-choice inputs: a preset amount, when one is
// picked, is the amount; the name choice sets the anonymous and show-name
// flags, so both can never be asked for at once.
func chosen(f *web.Form) {
	for _, p := range presets {
		if v := strconv.FormatInt(p/100, 10); f.Get("preset") == v {
			f.Set("amount", v)
		}
	}
	switch f.Get("name_shown") {
	case namePublic:
		f.Set("anonymous", "")
		f.Set("show_name", "1")
	case nameAnonymous:
		f.Set("anonymous", "1")
		f.Set("show_name", "")
	case namePrivate:
		f.Set("anonymous", "")
		f.Set("show_name", "")
	}
}

// Donate shows the donation form (GET /g/{slug}/donate).
func (h *Handlers) Donate(c *fiber.Ctx) error {
	g, err := h.Funds.PublicGroup(c.UserContext(), c.Params("slug"))
	if err != nil {
		return err
	}
	f := web.NewForm("amount", "50000", "interval", "once", "program_id", c.Query("program"), "name_shown", namePrivate)
	return h.Pages.RenderForm(c, fiber.StatusOK, "funds/donate", f,
		donatePage{Group: g, Canceled: c.Query("canceled") != "", Presets: presetAmounts()})
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
	chosen(f)
	in := funds.GiveInput{Currency: funds.Currency, ProgramID: f.Get("program_id"), Interval: f.Get("interval"),
		Anonymous: f.Get("anonymous") != "", ShowName: f.Get("show_name") != "", Locale: web.Lang(c)}
	in.Donor.Name, in.Donor.Email = f.Get("donor.name"), f.Get("donor.email")
	in.Amount = f.Rupiah("amount")
	page := donatePage{Group: g, Presets: presetAmounts()}
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
