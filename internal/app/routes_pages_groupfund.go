package app

import (
	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/access"
	groupfundpages "github.com/peduli/peduli/internal/web/groupfund"
)

// groupFundPages is the page table of the group fund: the meeting sheet
// (treasurers and facilitators), a meeting's receipts and a member's
// passbook.
func (a *App) groupFundPages() []page {
	h := &groupfundpages.Handlers{Pages: a.Pages, Tenancy: a.Tenancy, Programs: a.Programs, Registry: a.Registry, Fund: a.GroupFund}
	return []page{
		{method: fiber.MethodGet, path: "/meetings/new", perm: access.MeetingsWrite, nav: "groupfund.nav", handler: h.MeetingNew},
		{method: fiber.MethodPost, path: "/meetings", perm: access.MeetingsWrite, handler: h.MeetingCreate},
		{method: fiber.MethodGet, path: "/meetings/:id", perm: access.MemberFundRead, handler: h.MeetingShow},
		{method: fiber.MethodGet, path: "/beneficiaries/:id/passbook", perm: access.MemberFundRead, handler: h.Passbook},
		{method: fiber.MethodGet, path: "/beneficiaries/:id/passbook.pdf", perm: access.MemberFundRead, handler: h.PassbookPDF},
	}
}
