// Package regions serves the coordinators' pages under /regions/{code}: the
// region's groups side by side with their published figures and charts, a
// group's card with its verification, and the report downloads.
package regions

import (
	"html/template"
	"net/url"

	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/platform/i18n"
	"github.com/peduli/peduli/internal/regions"
	"github.com/peduli/peduli/internal/regions/chart"
	"github.com/peduli/peduli/internal/tenancy"
	"github.com/peduli/peduli/internal/web"
)

// Handlers serves the coordinator pages.
type Handlers struct {
	Pages   *web.Pages
	Regions *regions.Service
}

// regionFor resolves :code for someone who oversees it; anyone else gets
// the 404 page whether the region exists or not.
func (h *Handlers) regionFor(c *fiber.Ctx) (*tenancy.Region, error) {
	u := identity.UserOf(c)
	code := c.Params("code")
	if u == nil || !h.Regions.Oversees(u.ID, code) {
		return nil, errs.ErrNotFound
	}
	return h.Regions.Tenancy.Region(c.UserContext(), code)
}

// SortLink is one "sort by" choice on the region page.
type SortLink struct {
	Label   string
	Href    string
	Current bool
}

// RegionPage is the region page's data.
type RegionPage struct {
	Region     *tenancy.Region
	Groups     []Card
	Sorts      []SortLink
	Activities template.HTML
	Attendance template.HTML
	Income     template.HTML
	ReportCSV  string
	ReportXLSX string
	// Next is the link to the next page of groups, "" on the last.
	Next string
}

// Card is one group as the page shows it, its cells already formatted.
type Card struct {
	regions.GroupFigures
	Href       string
	Cells      []Cell
	LastActive string
	AsOf       string
}

// Cell is a labelled figure.
type Cell struct{ Label, Value string }

// sortKeys are the page's sort links, with the message key of each label;
// figures sort descending (largest first), the name ascending.
var sortKeys = [][2]string{{"name", "regions.sort.name"}, {"-beneficiaries_served", "regions.fig.served"},
	{"-activities_90d", "regions.fig.activities"}, {"-attendance_rate_90d", "regions.fig.attendance"},
	{"-median_income_change", "regions.fig.income"}, {"-graduation_ready", "regions.fig.ready"},
	{"-donations_received", "regions.fig.donations"}, {"last_activity_on", "regions.sort.quietest"}}

// pageSize is how many groups the region page shows at a time.
const pageSize = 50

// Region shows a page of the region's groups (GET /regions/{code}?sort=…&cursor=…).
func (h *Handlers) Region(c *fiber.Ctx) error {
	r, err := h.regionFor(c)
	if err != nil {
		return err
	}
	sort := c.Query("sort", "name")
	res, err := h.Regions.GroupsPage(c.UserContext(), r.Code, regions.GroupQuery{Sort: sort, Cursor: c.Query("cursor"), Limit: pageSize})
	if err != nil {
		return err
	}
	groups := res.Items
	months, err := h.Regions.RegionMonths(c.UserContext(), r.Code)
	if err != nil {
		return err
	}
	l := h.Pages.Localizer(c)
	page := RegionPage{Region: r,
		ReportCSV:  "/api/v1/regions/" + url.PathEscape(r.Code) + "/report?format=csv",
		ReportXLSX: "/api/v1/regions/" + url.PathEscape(r.Code) + "/report?format=xlsx"}
	for _, k := range sortKeys {
		page.Sorts = append(page.Sorts, SortLink{Label: l.T(k[1]), Href: "?sort=" + url.QueryEscape(k[0]), Current: k[0] == sort})
	}
	if res.NextCursor != nil {
		page.Next = "?" + url.Values{"sort": {sort}, "cursor": {*res.NextCursor}}.Encode()
	}
	var income []chart.Point
	for _, g := range groups {
		page.Groups = append(page.Groups, card(l, r.Code, g))
		if g.MedianIncomeChange.Known {
			income = append(income, chart.Point{Label: g.Name, Value: g.MedianIncomeChange.Value / 100})
		}
	}
	var acts, rate []chart.Point
	for _, m := range months {
		label := web.ChartMonth(l, m.Month)
		acts = append(acts, chart.Point{Label: label, Value: float64(m.Activities)})
		if m.Rate.Known {
			rate = append(rate, chart.Point{Label: label, Value: m.Rate.Value * 100})
		}
	}
	page.Activities = chart.Bars(l.T("regions.chart.activities"), acts, "%.0f")
	page.Attendance = chart.Percent(l.T("regions.chart.attendance"), rate)
	page.Income = chart.BarsIn(l.T("regions.chart.income"), income, web.ChartRupiah(l))
	return h.Pages.Render(c, "regions/region", page)
}

// card formats one group's published figures for the page.
func card(l *i18n.Localizer, code string, g regions.GroupFigures) Card {
	count := func(n regions.Count) string {
		if n.Suppressed {
			return regions.Suppressed
		}
		return l.Number(int64(n.Value))
	}
	// A rate or median is suppressed when the people it is computed over
	// would be; it reads as hidden, never as a count of people.
	measure := func(m regions.Measure, f func(float64) string) string {
		switch {
		case m.Suppressed:
			return l.T("regions.fig.hidden")
		case !m.Known:
			return "–"
		}
		return f(m.Value)
	}
	c := Card{GroupFigures: g, Href: "/regions/" + url.PathEscape(code) + "/groups/" + url.PathEscape(g.Slug)}
	c.Cells = []Cell{
		{l.T("regions.fig.served"), count(g.BeneficiariesServed)},
		{l.T("regions.fig.prse"), count(g.PRSEServed)},
		{l.T("regions.fig.programs"), l.Number(int64(g.ActivePrograms))},
		{l.T("regions.fig.activities"), l.Number(int64(g.Activities90d))},
		{l.T("regions.fig.attendance"), measure(g.AttendanceRate90d, l.Percent)},
		{l.T("regions.fig.income"), measure(g.MedianIncomeChange, func(v float64) string { return l.Money(int64(v)) })},
		{l.T("regions.fig.ready"), count(g.GraduationReady)},
		{l.T("regions.fig.donations"), l.Money(g.DonationsReceived)},
	}
	if g.LastActivityOn != nil {
		c.LastActive = l.ISODate(string(*g.LastActivityOn))
	}
	if g.FiguresAt != nil {
		c.AsOf = l.DateTime(*g.FiguresAt)
	}
	return c
}

// identityOf is the signed-in user's id (pages under RequireLogin have one).
func identityOf(c *fiber.Ctx) string {
	if u := identity.UserOf(c); u != nil {
		return u.ID
	}
	return ""
}
