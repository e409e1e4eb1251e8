package web

import (
	"html/template"
	"strings"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/platform/i18n"
	"github.com/peduli/peduli/internal/tenancy"
)

// View is what every template sees as dot. The embedded Localizer gives
// templates {{.T "key"}}, {{.N "key" n}}, {{.Money x}}, {{.Number n}},
// {{.Date t}}, {{.DateTime t}} and {{.Percent r}}.
type View struct {
	*i18n.Localizer
	Name   string // the page's template name, e.g. "account/login"
	Path   string // the request path, for the language switch to return to
	User   *identity.User
	Tenant *tenancy.Tenant
	Role   access.Role
	CSRF   string
	Flash  *Flash
	Form   *Form
	Status int
	// Data is the page's own content, whatever the handler passes.
	Data any

	pages *Pages
	can   func(access.Perm) bool
}

// Can reports whether the viewer may do obj:act in the current group, by
// the same check routes use (tenancy.Can, which asks casbin); templates
// hide buttons with it ({{if .Can "team" "write"}}). The server checks
// again on every request, so hiding is a courtesy, not the guard.
func (v *View) Can(obj, act string) bool {
	return v.Tenant != nil && v.can != nil && v.can(access.Perm{Obj: obj, Act: act})
}

// Asset returns the hashed URL of a static file: {{.Asset "app.css"}}.
func (v *View) Asset(name string) string { return v.pages.Assets.URL(name) }

// Style inlines a stylesheet from web/static: {{.Style "app.css"}} (see Assets.Style).
func (v *View) Style(name string) template.HTML { return v.pages.Assets.Style(name) }

// CSRFInput is the hidden field every POST form carries: {{.CSRFInput}}.
func (v *View) CSRFInput() template.HTML {
	// #nosec G203 -- constant markup; the only variable part is HTML-escaped
	return template.HTML(`<input type="hidden" name="` + CSRFField + `" value="` +
		template.HTMLEscapeString(v.CSRF) + `">`)
}

// TenantPath returns a path inside the current group's workspace:
// {{.TenantPath "/team"}} → /t/rindu/team.
func (v *View) TenantPath(rest string) string {
	if v.Tenant == nil {
		return rest
	}
	return "/t/" + v.Tenant.Slug + rest
}

// Nav returns the workspace menu entries the viewer's role may open.
func (v *View) Nav() []NavLink {
	if v.Tenant == nil {
		return nil
	}
	var out []NavLink
	for _, n := range v.pages.nav {
		if !v.can(n.Perm) {
			continue
		}
		href := v.TenantPath(n.Path)
		current := v.Path == href || (n.Path != "" && strings.HasPrefix(v.Path, href+"/"))
		out = append(out, NavLink{Label: v.T(n.Label), Href: href, Current: current})
	}
	return out
}

// NavLink is one rendered menu entry.
type NavLink struct {
	Label   string
	Href    string
	Current bool
}

// Langs lists the languages the switcher offers, with the current one marked.
func (v *View) Langs() []LangOption {
	out := make([]LangOption, 0, len(i18n.Supported))
	for _, l := range i18n.Supported {
		out = append(out, LangOption{Code: l, Label: v.pages.Catalogue.Localizer(l).T("lang.name"), Current: l == v.Lang()})
	}
	return out
}

// LangOption is one entry of the language switcher.
type LangOption struct {
	Code    string
	Label   string
	Current bool
}

// Word names a code in the page's language when the catalogue has
// prefix+code ("audit.action.approve"), and otherwise shows the code with
// spaces for underscores, so a code added later still reads.
func (v *View) Word(prefix, code string) string {
	if v.pages.Catalogue.Has(v.Lang(), prefix+code) {
		return v.T(prefix + code)
	}
	return strings.ReplaceAll(code, "_", " ")
}
