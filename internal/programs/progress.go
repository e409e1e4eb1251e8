package programs

import (
	"context"
	"time"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/registry"
)

// Point is one measurement in a progress report.
type Point struct {
	Period string `json:"period"`
	Value  int64  `json:"value"`
}

// IndicatorProgress is first against latest for one indicator.
type IndicatorProgress struct {
	Key       string `json:"key"`
	Name      Text   `json:"name"`
	Unit      string `json:"unit"`
	Direction string `json:"direction"`
	Income    bool   `json:"income"`
	// Decimals says the values are in 10^-Decimals units (see Indicator).
	Decimals int    `json:"decimals,omitempty"`
	Periods  int    `json:"periods"` // how many periods are recorded
	First    *Point `json:"first"`
	Latest   *Point `json:"latest"`
	Change   *int64 `json:"change"`   // latest − first
	Improved *bool  `json:"improved"` // the change goes the indicator's better way
}

// Graduation says whether a member is ready to graduate from a program.
type Graduation struct {
	Ready           bool `json:"ready"`
	PeriodsRequired int  `json:"periods_required"`
	// MinimumWage is the regional minimum wage of WageYear (the year of the
	// latest income period), in IDR minor units; 0 when none is known.
	MinimumWage int64 `json:"minimum_wage"`
	WageYear    int   `json:"wage_year,omitempty"`
	// Reason explains a false Ready: too_few_periods, gap_in_periods,
	// minimum_wage_unknown or income_not_above_minimum_wage.
	Reason string `json:"reason,omitempty"`
	// IncomeSource says where the income judged came from: books, typed
	// or mixed; empty when there was none.
	IncomeSource string `json:"income_source,omitempty"`
}

// ProgramProgress is a member's progress in one program.
type ProgramProgress struct {
	ProgramID   string              `json:"program_id"`
	ProgramName string              `json:"program_name"`
	Indicators  []IndicatorProgress `json:"indicators"`
	Graduation  *Graduation         `json:"graduation"` // nil when the program does not measure graduation
}

// ProgressView is a beneficiary's progress in every program she is in.
type ProgressView struct {
	BeneficiaryID   string            `json:"beneficiary_id"`
	GraduationReady bool              `json:"graduation_ready"` // ready in at least one program
	Programs        []ProgramProgress `json:"programs"`
	// MonthlyIncome is her income per month, from her enterprise books
	// where she has them and typed in otherwise (source says which).
	MonthlyIncome []IncomePoint `json:"monthly_income"`
}

// Progress reports a beneficiary's first and latest value of every
// indicator and her graduation readiness. It shows income, so it is an
// audited read of personal data.
func (s *Service) Progress(ctx context.Context, scope db.Scope, actor audit.Actor, beneficiaryID string) (*ProgressView, error) {
	if !db.ValidID(beneficiaryID) {
		return nil, errs.ErrNotFound
	}
	region, err := s.regionOf(ctx, scope.TenantID())
	if err != nil {
		return nil, err
	}
	var progs []Program
	var outcomes []Outcome
	var books map[string]int64
	err = scope.Write(ctx, func(t *db.Tenant) error {
		if err := s.Store.ActiveBeneficiary(t, beneficiaryID); err != nil {
			return err
		}
		if books, err = s.booksIncome(t, beneficiaryID); err != nil {
			return err
		}
		if progs, err = s.Store.ProgramsOf(t, beneficiaryID); err != nil {
			return err
		}
		if outcomes, err = s.Store.Outcomes(t, beneficiaryID); err != nil {
			return err
		}
		if outcomes, err = s.openOutcomes(t, outcomes); err != nil {
			return err
		}
		return audit.Record(t, actor, audit.ReadPersonal, "beneficiary", beneficiaryID, "outcomes")
	})
	if err != nil {
		return nil, err
	}
	out := &ProgressView{BeneficiaryID: beneficiaryID, Programs: make([]ProgramProgress, 0, len(progs)),
		MonthlyIncome: monthlyIncome(progs, outcomes, books)}
	for i := range progs {
		pp, err := s.programProgress(ctx, region, &progs[i], outcomes, books)
		if err != nil {
			return nil, err
		}
		out.GraduationReady = out.GraduationReady || (pp.Graduation != nil && pp.Graduation.Ready)
		out.Programs = append(out.Programs, pp)
	}
	return out, nil
}

// monthlyIncome is her income per month across her programs: books where
// she has them, else the first typed figure of the month.
func monthlyIncome(progs []Program, all []Outcome, books map[string]int64) []IncomePoint {
	var typed []Point
	for i := range progs {
		income, ok := progs[i].IncomeIndicator()
		if !ok {
			continue
		}
		for _, o := range all {
			if o.ProgramID == progs[i].ID && o.Indicator == income.Key {
				typed = append(typed, Point{Period: o.Period, Value: o.Value})
			}
		}
	}
	return mergeIncome(typed, books)
}

// programProgress computes one program's indicators and graduation; its
// income indicator takes months from books where there are books.
func (s *Service) programProgress(ctx context.Context, region string, p *Program, all []Outcome, books map[string]int64) (ProgramProgress, error) {
	series := map[string][]Point{}
	for _, o := range all {
		if o.ProgramID == p.ID {
			series[o.Indicator] = append(series[o.Indicator], Point{Period: o.Period, Value: o.Value})
		}
	}
	var incomeSeries []IncomePoint
	if income, ok := p.IncomeIndicator(); ok {
		incomeSeries = mergeIncome(series[income.Key], books)
		series[income.Key] = points(incomeSeries)
	}
	pp := ProgramProgress{ProgramID: p.ID, ProgramName: p.Name, Indicators: []IndicatorProgress{}}
	for _, in := range p.IndicatorList() {
		pp.Indicators = append(pp.Indicators, indicatorProgress(in, series[in.Key]))
	}
	income, ok := p.IncomeIndicator()
	if p.GraduationPeriods < 1 || !ok {
		return pp, nil
	}
	g, err := s.graduation(ctx, region, p.GraduationPeriods, series[income.Key])
	if g != nil && len(incomeSeries) > 0 {
		g.IncomeSource = sourceOf(incomeSeries, p.GraduationPeriods)
	}
	pp.Graduation = g
	return pp, err
}

func indicatorProgress(in Indicator, pts []Point) IndicatorProgress {
	ip := IndicatorProgress{Key: in.Key, Name: in.Name, Unit: in.Unit, Direction: in.Direction, Income: in.Income, Decimals: in.Decimals, Periods: len(pts)}
	if len(pts) == 0 {
		return ip
	}
	first, latest := pts[0], pts[len(pts)-1]
	change := latest.Value - first.Value
	improved := change > 0
	if in.Direction == "down" {
		improved = change < 0
	}
	ip.First, ip.Latest, ip.Change, ip.Improved = &first, &latest, &change, &improved
	return ip
}

// graduation applies the PENA-style rule to the income series: the last n
// recorded periods must be n consecutive months, each strictly above the
// minimum wage of the latest period's year (the newest, usually highest,
// wage: the conservative reading).
func (s *Service) graduation(ctx context.Context, region string, n int, pts []Point) (*Graduation, error) {
	g := &Graduation{PeriodsRequired: n}
	if len(pts) < n {
		g.Reason = "too_few_periods"
		return g, nil
	}
	last := pts[len(pts)-n:]
	latest, _ := time.Parse("2006-01", last[len(last)-1].Period)
	g.WageYear = latest.Year()
	wage, err := s.Tenancy.MinimumWage(ctx, region, g.WageYear)
	if err != nil {
		return nil, err
	}
	g.MinimumWage = wage
	incomes := make([]int64, len(last))
	for i, pt := range last {
		incomes[i] = pt.Value
		if want := latest.AddDate(0, i-(n-1), 0).Format("2006-01"); pt.Period != want {
			g.Reason = "gap_in_periods"
			return g, nil
		}
	}
	g.Ready = registry.GraduationReady(incomes, wage, n)
	switch {
	case g.Ready:
	case wage <= 0:
		g.Reason = "minimum_wage_unknown"
	default:
		g.Reason = "income_not_above_minimum_wage"
	}
	return g, nil
}
