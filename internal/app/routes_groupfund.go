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
		{fiber.MethodGet, "/savings", access.FundRead, gf.GroupSavings},
		{fiber.MethodPost, "/savings/deposits", access.FundWrite, gf.Deposit},
		{fiber.MethodPost, "/savings/withdrawals", access.FundWrite, gf.Withdraw},
		{fiber.MethodGet, "/beneficiaries/:id/savings", access.MemberFundRead, gf.MemberSavings},
		{fiber.MethodPost, "/loans", access.FundWrite, gf.CreateLoan},
		{fiber.MethodGet, "/loans/portfolio", access.FundRead, gf.Portfolio}, // before /loans/:id
		{fiber.MethodGet, "/loans/:id", access.MemberFundRead, gf.Loan},
		{fiber.MethodPost, "/loans/:id/repayments", access.FundWrite, gf.Repay},
		{fiber.MethodPost, "/loans/:id/reschedule", access.FundWrite, gf.RescheduleLoan},
		{fiber.MethodPost, "/loans/:id/write-off", access.FundWrite, gf.RequestWriteOff},
		{fiber.MethodPost, "/loans/:id/write-off/approval", access.FundWrite, gf.ApproveWriteOff},
		{fiber.MethodPost, "/meetings", access.MeetingsWrite, gf.RecordMeeting},
		{fiber.MethodPut, "/iks/rule", access.FundWrite, gf.SetIKSRule},
		{fiber.MethodPost, "/iks/contributions", access.FundWrite, gf.RecordIKS},
		{fiber.MethodPost, "/arisan-rounds", access.FundWrite, gf.CreateArisanRound},
		{fiber.MethodGet, "/arisan-rounds/:id", access.MemberFundRead, gf.ArisanRound},
		{fiber.MethodPost, "/arisan-rounds/:id/payouts", access.FundWrite, gf.Payout},
		{fiber.MethodGet, "/journal/trial-balance", access.FundRead, j.TrialBalance},
		{fiber.MethodGet, "/beneficiaries/:id/enterprises", access.PeopleRead, en.List},
		{fiber.MethodPost, "/beneficiaries/:id/enterprises", access.BooksWrite, en.Create},
		{fiber.MethodGet, "/enterprises/:id/books", access.PersonalRead, en.Books},
		{fiber.MethodPut, "/enterprises/:id/books/:period", access.BooksWrite, en.SaveBook},
		{fiber.MethodGet, "/enterprises/:id/capital", access.MemberFundRead, en.Capital},
		{fiber.MethodPost, "/enterprises/:id/capital", access.FundWrite, en.GiveCapital},
	}
}

// enterpriseCatalogRoutes serve any signed-in user: the kinds of enterprise.
func (a *App) enterpriseCatalogRoutes() []route {
	en := &enterprises.Handlers{Service: a.Enterprises, Tenancy: a.Tenancy}
	return []route{{method: fiber.MethodGet, path: "/enterprise-kinds", handler: en.Kinds}}
}
