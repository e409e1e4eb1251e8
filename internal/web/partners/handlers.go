// Package partners serves a group's partner pages under
// /t/{slug}/partners: the list, and the form to add, edit or remove a
// partner (kind, contact person, MoU dates, contributions).
package partners

import (
	"net/http"

	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/partners"
	"github.com/peduli/peduli/internal/tenancy"
	"github.com/peduli/peduli/internal/web"
)

// Handlers serves the partner pages.
type Handlers struct {
	Pages    *web.Pages
	Tenancy  *tenancy.Service
	Partners *partners.Service
}

func path(c *fiber.Ctx, rest string) string { return "/t/" + tenancy.TenantOf(c).Slug + rest }

// withContact says whether the viewer sees contact persons (roles that read people).
func withContact(c *fiber.Ctx) bool { return tenancy.Can(c, access.PeopleRead) }

// fields are the form's inputs, named as the service's JSON fields.
var fields = []string{"kind", "name", "contact_name", "contact_phone", "contact_email", "mou_starts_on", "mou_ends_on",
	"contribution", "contribution_value", "notes"}

// formData is what the form template needs besides the form.
type formData struct {
	ID    string
	Kinds []string
}

// List shows the group's partners (GET /t/{slug}/partners).
func (h *Handlers) List(c *fiber.Ctx) error {
	items, err := h.Partners.Partners(c.UserContext(), h.Tenancy.ScopeOf(c), withContact(c))
	if err != nil {
		return err
	}
	rows := make([]row, len(items))
	for i, v := range items {
		rows[i] = row{View: v}
		if v.MoUStartsOn != nil {
			rows[i].Starts = string(*v.MoUStartsOn)
		}
		if v.MoUEndsOn != nil {
			rows[i].Ends = string(*v.MoUEndsOn)
		}
	}
	return h.Pages.Render(c, "partners/list", rows)
}

// row is a partner with its MoU dates as text for the page.
type row struct {
	partners.View
	Starts, Ends string
}

// New shows the empty form (GET /t/{slug}/partners/new).
func (h *Handlers) New(c *fiber.Ctx) error {
	return h.Pages.RenderForm(c, http.StatusOK, "partners/form", web.NewForm(), formData{Kinds: partners.Kinds})
}

// Edit shows a partner in the form (GET /t/{slug}/partners/{id}/edit).
func (h *Handlers) Edit(c *fiber.Ctx) error {
	p, err := h.Partners.Partner(c.UserContext(), h.Tenancy.ScopeOf(c), c.Params("id"), withContact(c))
	if err != nil {
		return err
	}
	f := web.NewForm("kind", p.Kind, "name", p.Name, "contribution", p.Contribution, "notes", p.Notes)
	if p.Contact != nil {
		f.Set("contact_name", p.Contact.Name)
		f.Set("contact_phone", p.Contact.Phone)
		f.Set("contact_email", p.Contact.Email)
	}
	if p.MoUStartsOn != nil {
		f.Set("mou_starts_on", string(*p.MoUStartsOn))
	}
	if p.MoUEndsOn != nil {
		f.Set("mou_ends_on", string(*p.MoUEndsOn))
	}
	if p.ContributionValue != nil {
		f.Set("contribution_value", web.RupiahInput(*p.ContributionValue))
	}
	return h.Pages.RenderForm(c, http.StatusOK, "partners/form", f, formData{ID: p.ID, Kinds: partners.Kinds})
}

// Create adds a partner (POST /t/{slug}/partners).
func (h *Handlers) Create(c *fiber.Ctx) error { return h.save(c, "") }

// Update saves the edited partner (POST /t/{slug}/partners/{id}).
func (h *Handlers) Update(c *fiber.Ctx) error { return h.save(c, c.Params("id")) }

func (h *Handlers) save(c *fiber.Ctx, id string) error {
	f := web.ParseForm(c, fields...)
	str := func(name string) *string { v := f.Get(name); return &v }
	in := partners.Input{Kind: str("kind"), Name: str("name"), ContactName: str("contact_name"),
		ContactPhone: str("contact_phone"), ContactEmail: str("contact_email"), MoUStartsOn: str("mou_starts_on"),
		MoUEndsOn: str("mou_ends_on"), Contribution: str("contribution"), Notes: str("notes")}
	in.ContributionValue = f.OptionalRupiah("contribution_value")
	ctx, scope, actor := c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c)
	saved, err := f.Submit(func() error {
		var err error
		if id == "" {
			_, err = h.Partners.Create(ctx, scope, actor, in)
		} else {
			_, err = h.Partners.Update(ctx, scope, actor, id, in, withContact(c))
		}
		return err
	}, func() error { return h.Partners.Check(in) }, nil)
	if err != nil {
		return err
	}
	if saved {
		return h.Pages.Redirect(c, path(c, "/partners"), "partners.saved")
	}
	// The service's own rules read with the pages' messages for them.
	for k, fe := range f.Fields {
		if r, ok := map[string]string{"phone": "registry.phone", "date": "programs.date", "after": "partners.after"}[fe.Rule]; ok {
			fe.Rule = r
			f.Fields[k] = fe
		}
	}
	return h.Pages.RenderForm(c, http.StatusUnprocessableEntity, "partners/form", f, formData{ID: id, Kinds: partners.Kinds})
}

// Delete removes a partner (POST /t/{slug}/partners/{id}/delete).
func (h *Handlers) Delete(c *fiber.Ctx) error {
	if err := h.Partners.Delete(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), c.Params("id")); err != nil {
		return err
	}
	return h.Pages.Redirect(c, path(c, "/partners"), "partners.deleted")
}
