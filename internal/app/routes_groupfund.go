package app

import (
	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/enterprises"
	"github.com/peduli/peduli/internal/groupfund"
	"github.com/peduli/peduli/internal/journal"
)

// groupFundRoutes is the workspace route table of members' enterprises and
// the group's own money. Group totals need fund:read; a member's amounts
// member_fund:read (books, which are her income, personal:read).
func (a *App) groupFundRoutes() []route {
	j := &journal.Handlers{Service: a.Journal, Tenancy: a.Tenancy}
	en := &enterprises.Handlers{Service: a.Enterprises, Tenancy: a.Tenancy}
	gf := &groupfund.Handlers{Service: a.GroupFund, Tenancy: a.Tenancy}
	return []route{
		{method: fiber.MethodGet, path: "/savings", perm: access.FundRead, handler: gf.GroupSavings},
		{method: fiber.MethodPost, path: "/savings/deposits", perm: access.FundWrite, handler: gf.Deposit},
		{method: fiber.MethodPost, path: "/savings/withdrawals", perm: access.FundWrite, handler: gf.Withdraw},
		{method: fiber.MethodGet, path: "/beneficiaries/:id/savings", perm: access.MemberFundRead, handler: gf.MemberSavings},
		{method: fiber.MethodPost, path: "/loans", perm: access.FundWrite, handler: gf.CreateLoan},
		{method: fiber.MethodGet, path: "/loans/portfolio", perm: access.FundRead, handler: gf.Portfolio}, // before /loans/:id
		{method: fiber.MethodGet, path: "/loans/:id", perm: access.MemberFundRead, handler: gf.Loan},
		{method: fiber.MethodPost, path: "/loans/:id/repayments", perm: access.FundWrite, handler: gf.Repay},
		{method: fiber.MethodPost, path: "/loans/:id/reschedule", perm: access.FundWrite, handler: gf.RescheduleLoan},
		{method: fiber.MethodPost, path: "/loans/:id/write-off", perm: access.FundWrite, handler: gf.RequestWriteOff},
		{method: fiber.MethodPost, path: "/loans/:id/write-off/approval", perm: access.FundWrite, handler: gf.ApproveWriteOff},
		{method: fiber.MethodPost, path: "/meetings", perm: access.MeetingsWrite, handler: gf.RecordMeeting},
		{method: fiber.MethodPut, path: "/iks/rule", perm: access.FundWrite, handler: gf.SetIKSRule},
		{method: fiber.MethodPost, path: "/iks/contributions", perm: access.FundWrite, handler: gf.RecordIKS},
		{method: fiber.MethodPost, path: "/arisan-rounds", perm: access.FundWrite, handler: gf.CreateArisanRound},
		{method: fiber.MethodGet, path: "/arisan-rounds/:id", perm: access.MemberFundRead, handler: gf.ArisanRound},
		{method: fiber.MethodPost, path: "/arisan-rounds/:id/payouts", perm: access.FundWrite, handler: gf.Payout},
		{method: fiber.MethodGet, path: "/journal/trial-balance", perm: access.FundRead, handler: j.TrialBalance},
		{method: fiber.MethodGet, path: "/beneficiaries/:id/enterprises", perm: access.PeopleRead, handler: en.List},
		{method: fiber.MethodPost, path: "/beneficiaries/:id/enterprises", perm: access.BooksWrite, handler: en.Create},
		{method: fiber.MethodGet, path: "/enterprises/:id/books", perm: access.PersonalRead, handler: en.Books},
		{method: fiber.MethodPut, path: "/enterprises/:id/books/:period", perm: access.BooksWrite, handler: en.SaveBook},
		{method: fiber.MethodGet, path: "/enterprises/:id/capital", perm: access.MemberFundRead, handler: en.Capital},
		{method: fiber.MethodPost, path: "/enterprises/:id/capital", perm: access.FundWrite, handler: en.GiveCapital},
	}
}

// enterpriseCatalogRoutes serve any signed-in user: the kinds of enterprise.
func (a *App) enterpriseCatalogRoutes() []route {
	en := &enterprises.Handlers{Service: a.Enterprises, Tenancy: a.Tenancy}
	return []route{{method: fiber.MethodGet, path: "/enterprise-kinds", handler: en.Kinds}}
}
