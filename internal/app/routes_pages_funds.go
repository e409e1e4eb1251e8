package app

import (
	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/access"

	fundspages "github.com/peduli/peduli/internal/web/funds"
)

// fundsPublicPages are a group's public pages: its profile, the donation
// form and the open ledger. They need no login.
func (a *App) fundsPublicPages() []page {
	h := &fundspages.Handlers{Pages: a.Pages, Funds: a.Funds, Regions: a.Regions, BaseURL: a.Config.BaseURL}
	return []page{
		{method: fiber.MethodGet, path: "/g/:slug", handler: h.Group},
		{method: fiber.MethodGet, path: "/g/:slug/donate", handler: h.Donate},
		{method: fiber.MethodPost, path: "/g/:slug/donate", handler: a.limited(h.DonateSubmit, a.donationLimits()...)},
		{method: fiber.MethodGet, path: "/g/:slug/ledger", handler: h.Ledger},
		{method: fiber.MethodGet, path: "/receipts/:token", handler: h.Receipt},
	}
}

// fundsPages are the treasurer's workspace pages: donations and the ledger.
func (a *App) fundsPages() []page {
	h := &fundspages.Workspace{Pages: a.Pages, Funds: a.Funds, Tenancy: a.Tenancy, Access: a.Access, Programs: a.Programs}
	return []page{
		{method: fiber.MethodGet, path: "/donations", perm: access.DonationsRead, nav: "funds.nav.donations", handler: h.Donations},
		{method: fiber.MethodPost, path: "/donations", perm: access.DonationsWrite, handler: h.RecordDonation},
		{method: fiber.MethodGet, path: "/ledger", perm: access.LedgerRead, nav: "funds.nav.ledger", handler: h.Ledger},
		{method: fiber.MethodPost, path: "/ledger", perm: access.LedgerWrite, handler: h.AddEntry},
		{method: fiber.MethodPost, path: "/ledger/:id/approve", perm: access.LedgerApprove, handler: h.Approve},
		{method: fiber.MethodPost, path: "/ledger/:id/reverse", perm: access.LedgerWrite, handler: h.Reverse},
		{method: fiber.MethodPost, path: "/ledger/settings/confirm", perm: access.SettingsWrite, handler: h.ConfirmThreshold},
	}
}
