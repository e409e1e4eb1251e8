package registry

import "time"

// PRSE age bounds (Permensos 8/2012): an adult woman aged 18 to 59, both
// inclusive, on the assessment date.
const (
	PRSEMinAge = 18
	PRSEMaxAge = 59
)

// ManyDependents is the number of dependents from which a household counts
// as carrying many dependents.
const ManyDependents = 3

// Reason codes are stable API strings: they are stored with assessments and
// translated by the i18n catalogue, so never rename one.
//
// Criteria (exactly one of each group, in this order):
//   - age:    age_in_range | age_out_of_range | birth_date_unknown
//   - sex:    female | not_female
//   - income: income_below_minimum_wage | income_at_or_above_minimum_wage |
//     income_unknown | minimum_wage_unknown
//
// Vulnerability factors, only when present and in this order: they describe
// the woman's situation and do not change eligibility:
// main_breadwinner, abandoned_or_widowed (also divorced), many_dependents,
// disability_in_household, low_education (none or primary).
const (
	ReasonAgeInRange            = "age_in_range"
	ReasonAgeOutOfRange         = "age_out_of_range"
	ReasonBirthDateUnknown      = "birth_date_unknown"
	ReasonFemale                = "female"
	ReasonNotFemale             = "not_female"
	ReasonIncomeBelowWage       = "income_below_minimum_wage"
	ReasonIncomeAtOrAboveWage   = "income_at_or_above_minimum_wage"
	ReasonIncomeUnknown         = "income_unknown"
	ReasonMinimumWageUnknown    = "minimum_wage_unknown"
	ReasonMainBreadwinner       = "main_breadwinner"
	ReasonAbandonedOrWidowed    = "abandoned_or_widowed"
	ReasonManyDependents        = "many_dependents"
	ReasonDisabilityInHousehold = "disability_in_household"
	ReasonLowEducation          = "low_education"
)

// Facts are what an assessment records about a woman and her household.
// Eligibility is always computed from them, never typed in.
type Facts struct {
	BirthDate     time.Time // zero if unknown
	Female        bool
	MaritalStatus string // single, married, widowed, divorced or abandoned
	// IncomeKnown says MonthlyIncome was actually recorded. It exists because
	// zero is a real and common income here; without it, a missing figure
	// would read as "no income" and make her eligible by accident.
	IncomeKnown   bool
	MonthlyIncome int64 // household income per month, IDR minor units (Rp 1 = 100)
	MinimumWage   int64 // the regency's UMK for the assessment year, same unit; 0 if unknown
	Breadwinner   bool  // she is the household's main earner
	Dependents    int
	Disability    bool   // disability or chronic illness in the household
	Education     string // none, primary, junior, senior or higher
}

// Result is the outcome of Assess. Age is 0 when the birth date is unknown.
type Result struct {
	Eligible bool
	Age      int
	Reasons  []Reason
}

// Reason is one criterion or factor; Met tells whether it holds in her
// favour (a criterion is satisfied, or a vulnerability factor is present).
type Reason struct {
	Code string
	Met  bool
}

// Assess applies the PRSE rule of Permensos 8/2012 as of the date on: she is
// eligible iff she is female, aged 18–59 and the household income is strictly
// below the regional minimum wage. Unknown facts never make anyone eligible.
func Assess(f Facts, on time.Time) Result {
	var r Result
	ageOK := false
	if f.BirthDate.IsZero() {
		r.Reasons = append(r.Reasons, Reason{ReasonBirthDateUnknown, false})
	} else {
		r.Age = AgeOn(f.BirthDate, on)
		ageOK = r.Age >= PRSEMinAge && r.Age <= PRSEMaxAge
		r.Reasons = append(r.Reasons, pick(ageOK, ReasonAgeInRange, ReasonAgeOutOfRange))
	}
	r.Reasons = append(r.Reasons, pick(f.Female, ReasonFemale, ReasonNotFemale))

	incomeOK := false
	switch {
	case !f.IncomeKnown || f.MonthlyIncome < 0:
		r.Reasons = append(r.Reasons, Reason{ReasonIncomeUnknown, false})
	case f.MinimumWage <= 0:
		r.Reasons = append(r.Reasons, Reason{ReasonMinimumWageUnknown, false})
	default:
		incomeOK = f.MonthlyIncome < f.MinimumWage
		r.Reasons = append(r.Reasons, pick(incomeOK, ReasonIncomeBelowWage, ReasonIncomeAtOrAboveWage))
	}

	for _, factor := range []struct {
		present bool
		code    string
	}{
		{f.Breadwinner, ReasonMainBreadwinner},
		{f.MaritalStatus == "widowed" || f.MaritalStatus == "divorced" || f.MaritalStatus == "abandoned", ReasonAbandonedOrWidowed},
		{f.Dependents >= ManyDependents, ReasonManyDependents},
		{f.Disability, ReasonDisabilityInHousehold},
		{f.Education == "none" || f.Education == "primary", ReasonLowEducation},
	} {
		if factor.present {
			r.Reasons = append(r.Reasons, Reason{factor.code, true})
		}
	}
	r.Eligible = ageOK && f.Female && incomeOK
	return r
}

// pick returns the met code when ok and the unmet code otherwise.
func pick(ok bool, met, unmet string) Reason {
	if ok {
		return Reason{met, true}
	}
	return Reason{unmet, false}
}

// AgeOn returns her age in whole years on the date on, counting calendar
// dates in each time's own location. Someone born on 29 February turns a
// year older on 1 March in common years. It is 0 if birth is after on.
func AgeOn(birth, on time.Time) int {
	by, bm, bd := birth.Date()
	oy, om, od := on.Date()
	age := oy - by
	if om < bm || (om == bm && od < bd) {
		age--
	}
	return max(age, 0)
}
