package regions

import (
	"time"

	"github.com/peduli/peduli/internal/platform/db"
)

// FundFigures are a group's own money and its members' enterprises as the
// rollup keeps them: exact here, published only through publishGroup.
type FundFigures struct {
	Savers             int
	SavingsBalance     int64
	Loans              int
	LoansOutstanding   int64
	PAR30Amount        int64
	EnterprisesActive  int
	ProfitChangePeople int
	ProfitChangeMedian *int64
}

// FundSource answers a group's fund figures inside its scope; people-based
// figures count only the members only allows (nil: everyone). The app
// wires it to the group fund and the enterprises, so regions reads none of
// their tables.
type FundSource interface {
	FundFigures(t *db.Tenant, now time.Time, only map[string]bool) (FundFigures, error)
}

// fundFigures asks the FundSource for the group's figures over pop.
func (s *Service) fundFigures(t *db.Tenant, f *facts, now time.Time, pop population) (FundFigures, error) {
	if s.Fund == nil {
		return FundFigures{}, nil
	}
	var only map[string]bool
	if pop == reportable {
		only = f.ids()
	}
	return s.Fund.FundFigures(t, now, only)
}
