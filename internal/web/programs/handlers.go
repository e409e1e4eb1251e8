// Package programs serves a group's program pages under /t/{slug}:
// the program list, a new program from a template card or from scratch,
// the program page with members and activities, the phone-first
// attendance screen and the monthly outcome entry.
package programs

import (
	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/programs"
	"github.com/peduli/peduli/internal/registry"
	"github.com/peduli/peduli/internal/tenancy"
	"github.com/peduli/peduli/internal/web"
)

// Handlers serves the program pages; they call the programs service (and
// the registry to pick people to enroll).
type Handlers struct {
	Pages    *web.Pages
	Tenancy  *tenancy.Service
	Programs *programs.Service
	Registry *registry.Service
}

// path returns a path inside the current group's workspace.
func path(c *fiber.Ctx, rest string) string { return "/t/" + tenancy.TenantOf(c).Slug + rest }

// can says whether the viewer's role grants p (pages skip what she may not see).
func can(c *fiber.Ctx, p access.Perm) bool { return tenancy.Can(c, p) }

// formValues returns every value of a repeated form field (checkboxes).
func formValues(c *fiber.Ctx, name string) []string {
	var out []string
	for _, v := range c.Request().PostArgs().PeekMulti(name) {
		out = append(out, string(v))
	}
	return out
}

// kindName is an activity kind's name in the page's language.
func kindName(p *programs.ProgramView, key, lang string, other string) string {
	for _, k := range p.Activities {
		if k.Key == key {
			return textIn(k.Name, lang)
		}
	}
	return other
}

// textIn picks the phrase of a bilingual text for lang.
func textIn(t programs.Text, lang string) string {
	if lang == "en" && t.EN != "" {
		return t.EN
	}
	return t.ID
}

// ownRules are the programs service's own validation rules; their
// messages are validation.programs.<rule> in this feature's catalogue.
var ownRules = map[string]bool{"month": true, "past": true, "date": true}

// localRules renames those rules on a form so the page shows this
// feature's messages for them.
func localRules(f *web.Form) {
	for k, fe := range f.Fields {
		if ownRules[fe.Rule] {
			fe.Rule = "programs." + fe.Rule
			f.Fields[k] = fe
		}
	}
}
