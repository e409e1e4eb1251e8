package app

import (
	"github.com/gofiber/fiber/v2"

	regionpages "github.com/peduli/peduli/internal/web/regions"
)

// regionPages are the coordinators' pages; the handlers check that the
// viewer oversees the region (404 page otherwise).
func (a *App) regionPages() []page {
	h := &regionpages.Handlers{Pages: a.Pages, Regions: a.Regions}
	return []page{
		{method: fiber.MethodGet, path: "/regions/:code", handler: h.Region},
		{method: fiber.MethodGet, path: "/regions/:code/groups/:slug", handler: h.Group},
		{method: fiber.MethodPost, path: "/regions/:code/groups/:slug/verification", handler: h.Decide},
	}
}
