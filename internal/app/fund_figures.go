package app

import (
	"time"

	"github.com/peduli/peduli/internal/enterprises"
	"github.com/peduli/peduli/internal/funds"
	"github.com/peduli/peduli/internal/groupfund"
	"github.com/peduli/peduli/internal/platform/clock"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/regions"
)

// fundFigures answers the regions rollup with a group's fund and
// enterprise totals, asking their owners; regions imports neither.
type fundFigures struct {
	fund        *groupfund.Service
	enterprises *enterprises.Service
}

// FundFigures implements regions.FundSource.
func (f fundFigures) FundFigures(t *db.Tenant, now time.Time, only map[string]bool) (regions.FundFigures, error) {
	g, err := f.fund.Figures(t, clock.Today(now, clock.Zone))
	if err != nil {
		return regions.FundFigures{}, err
	}
	e, err := f.enterprises.GroupFigures(t, now, only)
	if err != nil {
		return regions.FundFigures{}, err
	}
	return regions.FundFigures{Savers: g.Savers, SavingsBalance: g.SavingsBalance, Loans: g.Loans,
		LoansOutstanding: g.LoansOutstanding, PAR30Amount: g.PAR30Amount, EnterprisesActive: e.Active,
		ProfitChangePeople: e.ProfitChangePeople, ProfitChangeMedian: e.ProfitChangeMedian}, nil
}

// fundsLedger answers the enterprises' capital assistance with the group
// ledger's expenses, which the funds feature owns.
type fundsLedger struct{}

// ExpenseIn implements enterprises.Ledger.
func (fundsLedger) ExpenseIn(t *db.Tenant, id string) (int64, error) { return funds.ExpenseIn(t, id) }

// enterpriseCapital answers the funds feature's public account of capital
// assistance with the enterprises' records.
type enterpriseCapital struct{ enterprises *enterprises.Service }

// CapitalLinks implements funds.CapitalSource.
func (c enterpriseCapital) CapitalLinks(t *db.Tenant) ([]funds.CapitalLink, error) {
	links, err := c.enterprises.CapitalLinks(t)
	if err != nil {
		return nil, err
	}
	out := make([]funds.CapitalLink, len(links))
	for i, l := range links {
		out[i] = funds.CapitalLink{LedgerEntryID: l.LedgerEntryID, EnterpriseID: l.EnterpriseID, Amount: l.Amount}
	}
	return out, nil
}
