package programs

import (
	"net/http"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/platform/clock"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/programs"
	"github.com/peduli/peduli/internal/tenancy"
	"github.com/peduli/peduli/internal/web"
)

// outcomeData is the outcome entry sheet of a program for one month.
type outcomeData struct {
	P          *programs.ProgramView
	Period     string
	Indicators []indicatorCol
	Rows       []outcomeRow
}

// indicatorCol is one indicator column, named in the page's language.
type indicatorCol struct {
	Key   string
	Name  string
	Money bool // income in Rupiah
	Unit  string
	// Decimals is how many digits after the decimal separator the unit
	// takes (1 for "1,5" kg); values are whole numbers of 10^-Decimals.
	Decimals int
}

// outcomeRow is one member and the input name of each indicator.
type outcomeRow struct {
	BeneficiaryID string
	Name          string
	Cells         []string // form field names, in indicator order
}

// cell names the input of one person and indicator.
func cell(beneficiaryID, indicator string) string { return "v." + beneficiaryID + "." + indicator }

// Outcomes shows the month's sheet: a row per member, an input per
// indicator, filled with what is already recorded
// (GET /t/{slug}/programs/{id}/outcomes?period=YYYY-MM). Reading her
// figures is an audited read, as on her own page.
func (h *Handlers) Outcomes(c *fiber.Ctx) error {
	period := c.Query("period")
	if period == "" {
		period = clock.Month(h.Programs.Now(), clock.Zone)
	}
	d, err := h.sheet(c, period)
	if err != nil {
		return err
	}
	f := web.NewForm("period", period)
	if err := h.fill(c, d, f); err != nil {
		return err
	}
	return h.Pages.RenderForm(c, http.StatusOK, "programs/outcomes", f, d)
}

func (h *Handlers) sheet(c *fiber.Ctx, period string) (*outcomeData, error) {
	if _, err := time.Parse("2006-01", period); err != nil {
		return nil, errs.Invalid("period", "month", "must be a month in the form YYYY-MM")
	}
	ctx, scope := c.UserContext(), h.Tenancy.ScopeOf(c)
	p, err := h.Programs.Program(ctx, scope, c.Params("id"))
	if err != nil {
		return nil, err
	}
	members, err := h.Programs.Members(ctx, scope, p.ID)
	if err != nil {
		return nil, err
	}
	lang := h.Pages.Localizer(c).Lang()
	d := &outcomeData{P: p, Period: period}
	for _, in := range p.Indicators {
		d.Indicators = append(d.Indicators, indicatorCol{Key: in.Key, Name: textIn(in.Name, lang), Money: in.Unit == "IDR",
			Unit: in.Unit, Decimals: in.Decimals})
	}
	for _, m := range members {
		r := outcomeRow{BeneficiaryID: m.BeneficiaryID, Name: m.Name}
		for _, in := range p.Indicators {
			r.Cells = append(r.Cells, cell(m.BeneficiaryID, in.Key))
		}
		d.Rows = append(d.Rows, r)
	}
	return d, nil
}

// fill puts the month's recorded values into the form.
func (h *Handlers) fill(c *fiber.Ctx, d *outcomeData, f *web.Form) error {
	rows, err := h.Programs.PeriodOutcomes(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), d.P.ID, d.Period)
	if err != nil {
		return err
	}
	lang := h.Pages.Localizer(c).Lang()
	for _, o := range rows {
		f.Set(cell(o.BeneficiaryID, o.Indicator), show(o.Value, d.column(o.Indicator), lang))
	}
	return nil
}

func (d *outcomeData) column(indicator string) indicatorCol {
	for _, in := range d.Indicators {
		if in.Key == indicator {
			return in
		}
	}
	return indicatorCol{}
}

// show writes a value as the cell's input takes it back: Rupiah as plain
// digits, a measurement with its decimals after the page language's
// separator ("1,5" in id, "1.5" in en).
func show(v int64, in indicatorCol, lang string) string {
	if in.Money {
		return web.RupiahInput(v)
	}
	return web.DecimalInput(v, in.Decimals, lang)
}

// SaveOutcomes records the whole sheet in one form post
// (POST /t/{slug}/programs/{id}/outcomes). Every cell is checked before
// anything is saved; a wrong cell re-shows the sheet with its message and
// every typed value. Blank cells are left as they are.
func (h *Handlers) SaveOutcomes(c *fiber.Ctx) error {
	period := c.FormValue("period")
	d, err := h.sheet(c, period)
	if err != nil {
		return err
	}
	names := []string{"period"}
	for _, r := range d.Rows {
		names = append(names, r.Cells...)
	}
	f := web.ParseForm(c, names...)
	var values []programs.OutcomeValue
	for _, r := range d.Rows {
		for i, in := range d.Indicators {
			s := f.Get(r.Cells[i])
			if s == "" {
				continue
			}
			v, err := parseValue(s, in)
			if err != nil {
				rule := "programs.number"
				if in.Money {
					rule = "amount_any"
				} else if in.Decimals > 0 {
					rule = "programs.decimal"
				}
				f.Invalid(r.Cells[i], rule)
				continue
			}
			values = append(values, programs.OutcomeValue{BeneficiaryID: r.BeneficiaryID, Indicator: in.Key, Value: v})
		}
	}
	if f.OK() {
		err := h.Programs.RecordOutcomes(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), d.P.ID, period, values)
		if err == nil {
			return h.Pages.Redirect(c, path(c, "/programs/"+d.P.ID+"/outcomes?period="+period), "programs.outcomes_saved")
		}
		if !f.Fail(err, nil) {
			return err
		}
	}
	localRules(f)
	return h.Pages.RenderForm(c, http.StatusUnprocessableEntity, "programs/outcomes", f, d)
}

// parseValue reads a cell: Rupiah for income; otherwise a number with at
// most the indicator's decimals, written either way ("1,5" or "1.5" kg),
// kept as a whole number of 10^-decimals units.
func parseValue(s string, in indicatorCol) (int64, error) {
	if in.Money {
		return web.ParseRupiah(s)
	}
	n, err := web.ParseAmount(s, in.Decimals)
	if err != nil || n > programs.MaxOutcomeValue {
		return 0, strconv.ErrRange
	}
	return n, nil
}
