package app

import (
	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/journal"
)

// groupFundRoutes is the workspace route table of the group's own money:
// its journal. Group totals need fund:read; a member's amounts member_fund:read.
func (a *App) groupFundRoutes() []route {
	j := &journal.Handlers{Service: a.Journal, Tenancy: a.Tenancy}
	return []route{
		{fiber.MethodGet, "/journal/trial-balance", access.FundRead, j.TrialBalance},
	}
}
