package admin

import (
	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/funds"
	"github.com/peduli/peduli/internal/web"
)

// HostsPage lists the donation hosts, never their secrets.
type HostsPage struct {
	Hosts []funds.HostView
}

// hostFields are the register form's inputs, named as the API's JSON paths
// so the service's field errors land beside them.
var hostFields = []string{"key", "name", "default", "permit.number", "permit.area", "permit.valid_from",
	"permit.valid_until", "stripe_account", "stripe_secret_key", "stripe_webhook_secret"}

// Hosts lists the hosts and offers the form to register one (GET /admin/hosts).
func (h *Handlers) Hosts(c *fiber.Ctx) error {
	return h.hosts(c, fiber.StatusOK, web.NewForm("stripe_account", "platform"))
}

func (h *Handlers) hosts(c *fiber.Ctx, status int, f *web.Form) error {
	hosts, err := h.Funds.Hosts(c.UserContext())
	if err != nil {
		return err
	}
	page := HostsPage{Hosts: make([]funds.HostView, len(hosts))}
	for i := range hosts {
		page.Hosts[i] = hosts[i].View()
	}
	return h.Pages.RenderForm(c, status, "admin/hosts", f, page)
}

// RegisterHost registers a host from the form (POST /admin/hosts), as
// POST /api/v1/admin/hosts does.
func (h *Handlers) RegisterHost(c *fiber.Ctx) error {
	f := web.ParseForm(c, hostFields...)
	in := funds.HostInput{Key: f.Get("key"), Name: f.Get("name"), Default: f.Get("default") == "on",
		StripeAccount: f.Get("stripe_account"), StripeSecretKey: f.Get("stripe_secret_key"),
		StripeWebhookSecret: f.Get("stripe_webhook_secret")}
	in.Permit.Number, in.Permit.Area = f.Get("permit.number"), f.Get("permit.area")
	in.Permit.ValidFrom, in.Permit.ValidUntil = f.Get("permit.valid_from"), f.Get("permit.valid_until")
	_, err := h.Funds.RegisterHost(c.UserContext(), in)
	if err == nil {
		return h.Pages.Redirect(c, "/admin/hosts", "admin.host_registered")
	}
	if !f.Fail(err, map[string]string{"host_exists": "key"}) {
		return err
	}
	// The service calls a host key's format "slug"; say what a host key is.
	if fe, ok := f.Fields["key"]; ok && fe.Rule == "slug" {
		f.Invalid("key", "host_key")
	}
	// Secrets are never shown again, not even on the form that failed.
	f.Set("stripe_secret_key", "")
	f.Set("stripe_webhook_secret", "")
	return h.hosts(c, fiber.StatusUnprocessableEntity, f)
}
