package funds

import (
	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/platform/httpx"
)

// Hosts answers GET /api/v1/admin/hosts.
func (h *Handlers) Hosts(c *fiber.Ctx) error {
	hosts, err := h.Service.Hosts(c.UserContext())
	if err != nil {
		return err
	}
	out := make([]HostView, len(hosts))
	for i := range hosts {
		out[i] = hosts[i].View()
	}
	return c.JSON(fiber.Map{"items": out})
}

// RegisterHost answers POST /api/v1/admin/hosts.
func (h *Handlers) RegisterHost(c *fiber.Ctx) error {
	var in HostInput
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	host, err := h.Service.RegisterHost(c.UserContext(), in)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(host.View())
}

// AttachGroup answers POST /api/v1/admin/hosts/{key}/groups.
func (h *Handlers) AttachGroup(c *fiber.Ctx) error {
	var in AttachInput
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	host, err := h.Service.AttachGroup(c.UserContext(), identity.UserOf(c).ID, c.Params("key"), in)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"host": host.View(), "group": in.Slug})
}
