package app

import (
	"github.com/gofiber/fiber/v2"

	fundspages "github.com/peduli/peduli/internal/web/funds"
)

// fundsPublicPages are a group's public pages: its profile, the donation
// form and the open ledger. They need no login.
func (a *App) fundsPublicPages() []page {
	h := &fundspages.Handlers{Pages: a.Pages, Funds: a.Funds}
	return []page{
		{method: fiber.MethodGet, path: "/g/:slug", handler: h.Group},
		{method: fiber.MethodGet, path: "/g/:slug/donate", handler: h.Donate},
		{method: fiber.MethodPost, path: "/g/:slug/donate", handler: h.DonateSubmit},
		{method: fiber.MethodGet, path: "/g/:slug/ledger", handler: h.Ledger},
	}
}
