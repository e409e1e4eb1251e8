package registry_test

import (
	"testing"

	"github.com/peduli/peduli/internal/partners"
	"github.com/peduli/peduli/internal/platform/i18n"
	"github.com/peduli/peduli/internal/registry"
	webfs "github.com/peduli/peduli/web"
)

// TestBuiltKeysExist checks the message keys the feature templates build
// from values ({{.T (printf "registry.reason.%s" .Code)}}), which the
// catalogue test cannot see: every value has its message in both languages.
func TestBuiltKeysExist(t *testing.T) {
	cat, err := i18n.Load(webfs.FS, "locales")
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	add := func(prefix string, values ...string) {
		for _, v := range values {
			keys = append(keys, prefix+v)
		}
	}
	add("registry.marital.", registry.MaritalStatuses...)
	add("registry.education.", registry.EducationLevels...)
	for _, p := range registry.Purposes {
		add("registry.purpose.", p, p+"_help")
	}
	add("registry.reason.", registry.ReasonAgeInRange, registry.ReasonAgeOutOfRange, registry.ReasonBirthDateUnknown,
		registry.ReasonFemale, registry.ReasonNotFemale, registry.ReasonIncomeBelowWage, registry.ReasonIncomeAtOrAboveWage,
		registry.ReasonIncomeUnknown, registry.ReasonMinimumWageUnknown, registry.ReasonMainBreadwinner,
		registry.ReasonAbandonedOrWidowed, registry.ReasonManyDependents, registry.ReasonDisabilityInHousehold,
		registry.ReasonLowEducation)
	add("registry.graduation.", "too_few_periods", "gap_in_periods", "minimum_wage_unknown", "income_not_above_minimum_wage")
	add("partners.kind.", partners.Kinds...)
	add("dashboard.month.", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12")
	add("validation.registry.", "nik", "kk", "phone", "date", "dependents", "consent_services")
	add("validation.", "amount", "amount_any")
	add("validation.programs.", "month", "past", "date", "number")
	for _, lang := range i18n.Supported {
		for _, k := range keys {
			if !cat.Has(lang, k) {
				t.Errorf("%s: no message %q", lang, k)
			}
		}
	}
}
