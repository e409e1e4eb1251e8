package funds

import (
	"html/template"
	"net/url"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/funds"
	"github.com/peduli/peduli/internal/web"
)

// groupPage is what /g/{slug} shows.
type groupPage struct {
	Group    *funds.PublicGroup
	Story    string
	Figures  []figure
	Programs []programRow
	// Share opens WhatsApp with a message linking to this page; WhatsApp
	// and Tel reach the group, when it gave a number.
	Share, WhatsApp string
	Tel             template.URL
}

// figure is one labelled number of the group's public figures.
type figure struct{ ID, Value, Label string }

// programRow is an active program with the gifts earmarked for it.
type programRow struct {
	ID, Name  string
	Earmarked int64
}

// Group shows a group's public page (GET /g/{slug}): who they are and
// what they do, their figures, their programs with the money earmarked for
// each, and how to give — online, or why not and the cash route. People
// figures follow the coordinators' small-cell rules; money counts only
// what the ledger counts.
func (h *Handlers) Group(c *fiber.Ctx) error {
	ctx := c.UserContext()
	g, err := h.Funds.PublicGroup(ctx, c.Params("slug"))
	if err != nil {
		return err
	}
	// One aggregate over the ledger, not the whole book: a visit costs the
	// same however many years of entries the group has.
	money, err := h.Funds.PublicSummary(ctx, g.TenantID)
	if err != nil {
		return err
	}
	l := h.Pages.Localizer(c)
	page := groupPage{Group: g, Story: story(g, web.Lang(c))}
	for _, p := range g.Programs {
		page.Programs = append(page.Programs, programRow{ID: p.ID, Name: p.Name, Earmarked: money.ProgramEarmarked[p.ID]})
	}
	if h.Regions != nil {
		f, err := h.Regions.PublicFigures(ctx, g.TenantID)
		if err != nil {
			return err
		}
		served, attendance := "–", "–"
		if f.Known {
			served = f.PeopleServed.String()
			if !f.PeopleServed.Suppressed {
				served = l.Number(int64(f.PeopleServed.Value))
			}
		}
		switch {
		case f.Attendance90d.Suppressed:
			attendance = l.T("regions.fig.hidden")
		case f.Attendance90d.Known:
			attendance = l.Percent(f.Attendance90d.Value)
		}
		page.Figures = []figure{
			{"fig-served", served, l.T("funds.group.fig.served")},
			{"fig-programs", l.Number(int64(len(g.Programs))), l.T("funds.group.fig.programs")},
			{"fig-attendance", attendance, l.T("funds.group.fig.attendance")},
			{"fig-in", l.Money(money.Income), l.T("funds.group.fig.in")},
			{"fig-out", l.Money(money.Expense), l.T("funds.group.fig.out")},
		}
	}
	link := strings.TrimRight(h.BaseURL, "/") + "/g/" + url.PathEscape(g.Slug)
	page.Share = "https://wa.me/?text=" + url.QueryEscape(l.T("funds.group.share_text", "Name", g.Name)+" "+link)
	if n := g.ContactWhatsApp; n != "" && strings.Trim(n, "0123456789") == "" {
		// The number is digits only (tenancy stores it so): a tel: link, which
		// html/template would otherwise refuse, is safe.
		page.WhatsApp, page.Tel = "https://wa.me/"+n, template.URL("tel:+"+n) // #nosec G203
	}
	return h.Pages.Render(c, "funds/group", page)
}

// story picks the story in the visitor's language, falling back to the other.
func story(g *funds.PublicGroup, lang string) string {
	if s := g.Story[lang]; s != "" {
		return s
	}
	if lang == "en" {
		return g.Story["id"]
	}
	return g.Story["en"]
}
