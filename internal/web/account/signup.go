package account

import (
	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/tenancy"
	"github.com/peduli/peduli/internal/web"
)

// signupFields are the sign-up form's inputs, named as the API's JSON paths
// so the service's field errors land next to them.
var signupFields = []string{"group.name", "group.slug", "regency", "group.region_code",
	"owner.name", "owner.email", "owner.phone", "owner.password", "step"}

// Signup shows the form that registers a group and its owner (GET /signup).
func (h *Handlers) Signup(c *fiber.Ctx) error {
	f := web.NewForm("regency", c.Query("regency"))
	return h.showSignup(c, fiber.StatusOK, f)
}

// SignupPlaces answers the kecamatan/village choices of a regency, as the
// htmx fragment that replaces the picker's second select (GET /signup/places).
func (h *Handlers) SignupPlaces(c *fiber.Ctx) error {
	rc, err := h.regionChoices(c.UserContext(), c.Query("regency"))
	if err != nil {
		return err
	}
	return h.Pages.RenderBlock(c, "account/signup", "places", rc)
}

// SignupSubmit creates the group and its owner, signs her in and opens her
// workspace (POST /signup). Without JavaScript, the "show places" button
// posts here with step=region: the form comes back with the regency's
// places and everything typed kept.
func (h *Handlers) SignupSubmit(c *fiber.Ctx) error {
	f := web.ParseForm(c, signupFields...)
	if f.Get("step") == "region" {
		f.Set("owner.password", "")
		return h.showSignup(c, fiber.StatusOK, f)
	}
	in := tenancy.SignupInput{
		Group: tenancy.GroupInput{Name: f.Get("group.name"), Slug: f.Get("group.slug"), RegionCode: f.Get("group.region_code")},
		Owner: tenancy.OwnerInput{Name: f.Get("owner.name"), Email: f.Get("owner.email"),
			Password: f.Get("owner.password"), Phone: f.Get("owner.phone")},
		Locale: web.Lang(c),
	}
	var slug, token string
	saved, err := f.Submit(func() error {
		t, _, tok, err := h.Tenancy.Signup(c.UserContext(), in)
		if err == nil {
			slug, token = t.Slug, tok
		}
		return err
	}, nil, map[string]string{"email_taken": "owner.email", "slug_taken": "group.slug"})
	if err != nil {
		return err
	}
	if saved {
		h.Auth.SetSessionCookie(c, token)
		return h.Pages.Redirect(c, "/t/"+slug, "signup.welcome")
	}
	return h.showSignup(c, fiber.StatusUnprocessableEntity, f)
}

func (h *Handlers) showSignup(c *fiber.Ctx, status int, f *web.Form) error {
	regency := f.Get("regency")
	if regency == "" {
		regency = regencyOf(f.Get("group.region_code"))
		f.Set("regency", regency)
	}
	rc, err := h.regionChoices(c.UserContext(), regency)
	if err != nil {
		return err
	}
	return h.Pages.RenderForm(c, status, "account/signup", f, rc)
}
