package registry

import (
	"reflect"
	"testing"
	"time"
)

// umk2026 is the NTT provincial minimum wage 2026 (Rp 2.455.898) in minor units.
const umk2026 int64 = 2_455_898_00

var assessedOn = date(2026, time.March, 10)

// eligibleFacts is a woman who meets every criterion and has no factor.
func eligibleFacts() Facts {
	return Facts{
		BirthDate:     date(1985, time.July, 1),
		Female:        true,
		MaritalStatus: "married",
		IncomeKnown:   true,
		MonthlyIncome: 1_000_000_00,
		MinimumWage:   umk2026,
		Education:     "senior",
	}
}

func reasons(codes ...string) []Reason {
	var rs []Reason
	for _, c := range codes {
		met := true
		switch c {
		case ReasonAgeOutOfRange, ReasonBirthDateUnknown, ReasonNotFemale,
			ReasonIncomeAtOrAboveWage, ReasonIncomeUnknown, ReasonMinimumWageUnknown:
			met = false
		}
		rs = append(rs, Reason{c, met})
	}
	return rs
}

func TestAssess(t *testing.T) {
	base := []string{ReasonAgeInRange, ReasonFemale, ReasonIncomeBelowWage}
	with := func(extra ...string) []Reason { return reasons(append(base[:3:3], extra...)...) }

	tests := []struct {
		name     string
		edit     func(*Facts)
		eligible bool
		age      int
		want     []Reason
	}{
		{"eligible", func(*Facts) {}, true, 40, with()},
		{"17: day before 18th birthday", func(f *Facts) { f.BirthDate = date(2008, time.March, 11) }, false, 17,
			reasons(ReasonAgeOutOfRange, ReasonFemale, ReasonIncomeBelowWage)},
		{"18: on 18th birthday", func(f *Facts) { f.BirthDate = date(2008, time.March, 10) }, true, 18, with()},
		{"59: day before 60th birthday", func(f *Facts) { f.BirthDate = date(1966, time.March, 11) }, true, 59, with()},
		{"60: on 60th birthday", func(f *Facts) { f.BirthDate = date(1966, time.March, 10) }, false, 60,
			reasons(ReasonAgeOutOfRange, ReasonFemale, ReasonIncomeBelowWage)},
		{"birth date unknown", func(f *Facts) { f.BirthDate = time.Time{} }, false, 0,
			reasons(ReasonBirthDateUnknown, ReasonFemale, ReasonIncomeBelowWage)},
		{"birth after assessment", func(f *Facts) { f.BirthDate = date(2027, time.January, 1) }, false, 0,
			reasons(ReasonAgeOutOfRange, ReasonFemale, ReasonIncomeBelowWage)},
		{"male", func(f *Facts) { f.Female = false }, false, 40,
			reasons(ReasonAgeInRange, ReasonNotFemale, ReasonIncomeBelowWage)},
		{"income Rp 1 below UMK", func(f *Facts) { f.MonthlyIncome = umk2026 - 100 }, true, 40, with()},
		{"income at UMK", func(f *Facts) { f.MonthlyIncome = umk2026 }, false, 40,
			reasons(ReasonAgeInRange, ReasonFemale, ReasonIncomeAtOrAboveWage)},
		{"income above UMK", func(f *Facts) { f.MonthlyIncome = umk2026 + 100 }, false, 40,
			reasons(ReasonAgeInRange, ReasonFemale, ReasonIncomeAtOrAboveWage)},
		{"zero income is known and below", func(f *Facts) { f.MonthlyIncome = 0 }, true, 40, with()},
		{"income unknown", func(f *Facts) { f.IncomeKnown = false; f.MonthlyIncome = 0 }, false, 40,
			reasons(ReasonAgeInRange, ReasonFemale, ReasonIncomeUnknown)},
		{"negative income is unknown", func(f *Facts) { f.MonthlyIncome = -1 }, false, 40,
			reasons(ReasonAgeInRange, ReasonFemale, ReasonIncomeUnknown)},
		{"minimum wage unknown", func(f *Facts) { f.MinimumWage = 0 }, false, 40,
			reasons(ReasonAgeInRange, ReasonFemale, ReasonMinimumWageUnknown)},
		{"breadwinner", func(f *Facts) { f.Breadwinner = true }, true, 40, with(ReasonMainBreadwinner)},
		{"widowed", func(f *Facts) { f.MaritalStatus = "widowed" }, true, 40, with(ReasonAbandonedOrWidowed)},
		{"divorced", func(f *Facts) { f.MaritalStatus = "divorced" }, true, 40, with(ReasonAbandonedOrWidowed)},
		{"abandoned", func(f *Facts) { f.MaritalStatus = "abandoned" }, true, 40, with(ReasonAbandonedOrWidowed)},
		{"single is no factor", func(f *Facts) { f.MaritalStatus = "single" }, true, 40, with()},
		{"2 dependents is no factor", func(f *Facts) { f.Dependents = 2 }, true, 40, with()},
		{"3 dependents", func(f *Facts) { f.Dependents = 3 }, true, 40, with(ReasonManyDependents)},
		{"disability", func(f *Facts) { f.Disability = true }, true, 40, with(ReasonDisabilityInHousehold)},
		{"no schooling", func(f *Facts) { f.Education = "none" }, true, 40, with(ReasonLowEducation)},
		{"primary school", func(f *Facts) { f.Education = "primary" }, true, 40, with(ReasonLowEducation)},
		{"junior school is no factor", func(f *Facts) { f.Education = "junior" }, true, 40, with()},
		{"factors do not make a man eligible", func(f *Facts) {
			f.Female, f.Breadwinner, f.MaritalStatus, f.Dependents, f.Disability, f.Education =
				false, true, "abandoned", 5, true, "none"
		}, false, 40, reasons(ReasonAgeInRange, ReasonNotFemale, ReasonIncomeBelowWage,
			ReasonMainBreadwinner, ReasonAbandonedOrWidowed, ReasonManyDependents,
			ReasonDisabilityInHousehold, ReasonLowEducation)},
		{"zero facts", func(f *Facts) { *f = Facts{} }, false, 0,
			reasons(ReasonBirthDateUnknown, ReasonNotFemale, ReasonIncomeUnknown)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := eligibleFacts()
			tt.edit(&f)
			got := Assess(f, assessedOn)
			if got.Eligible != tt.eligible || got.Age != tt.age {
				t.Errorf("Eligible, Age = %v, %d; want %v, %d", got.Eligible, got.Age, tt.eligible, tt.age)
			}
			if !reflect.DeepEqual(got.Reasons, tt.want) {
				t.Errorf("Reasons = %v\nwant      %v", got.Reasons, tt.want)
			}
		})
	}
}

func TestAgeOn(t *testing.T) {
	kupang := time.FixedZone("WITA", 8*3600)
	tests := []struct {
		name  string
		birth time.Time
		on    time.Time
		want  int
	}{
		{"day before birthday", date(1990, time.June, 15), date(2026, time.June, 14), 35},
		{"on birthday", date(1990, time.June, 15), date(2026, time.June, 15), 36},
		{"earlier month", date(1990, time.June, 15), date(2026, time.May, 30), 35},
		{"29 Feb, 28 Feb of a common year", date(2008, time.February, 29), date(2026, time.February, 28), 17},
		{"29 Feb, 1 Mar of a common year", date(2008, time.February, 29), date(2026, time.March, 1), 18},
		{"29 Feb, 29 Feb of a leap year", date(2008, time.February, 29), date(2028, time.February, 29), 20},
		{"29 Feb, 28 Feb of a leap year", date(2008, time.February, 29), date(2028, time.February, 28), 19},
		{"born that day", date(2026, time.March, 10), date(2026, time.March, 10), 0},
		{"birth after on", date(2027, time.March, 10), date(2026, time.March, 10), 0},
		// 00:30 on 15 June in Kupang is still 14 June in UTC: the date she
		// lives in counts.
		{"local date of on", date(1990, time.June, 15), time.Date(2026, time.June, 15, 0, 30, 0, 0, kupang), 36},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := AgeOn(tt.birth, tt.on); got != tt.want {
				t.Fatalf("AgeOn = %d, want %d", got, tt.want)
			}
		})
	}
}
