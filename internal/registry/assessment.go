package registry

import (
	"encoding/json"
	"time"

	"github.com/peduli/peduli/internal/platform/db"
)

// Assessment is one row of assessments: the facts an assessor recorded
// (sealed, since they include income and health) and the computed result.
type Assessment struct {
	TenantID      string `gorm:"primaryKey"`
	ID            string `gorm:"primaryKey"`
	BeneficiaryID string
	KeyVersion    int
	FactsSealed   string
	Age           *int
	EligiblePRSE  bool `gorm:"column:eligible_prse"`
	AssessedOn    db.Date
	AssessedBy    *string
	CreatedAt     time.Time
}

// TableName is assessments.
func (Assessment) TableName() string { return "assessments" }

// AssessInput overrides or adds facts to those taken from her record; an
// empty body assesses the record as it is.
type AssessInput struct {
	AssessedOn    *string `json:"assessed_on" validate:"omitempty,max=10"`
	BirthDate     *string `json:"birth_date" validate:"omitempty,max=10"`
	Female        *bool   `json:"female"`
	MaritalStatus *string `json:"marital_status" validate:"omitempty,max=20"`
	MonthlyIncome *int64  `json:"monthly_income" validate:"omitempty,gte=0,lte=100000000000"`
	HouseholdHead *bool   `json:"household_head"`
	Dependents    *int    `json:"dependents" validate:"omitempty,gte=0,lte=50"`
	Disability    *bool   `json:"disability"`
	Education     *string `json:"education" validate:"omitempty,max=20"`
}

// FactsView is what an assessment recorded, as the API shows it.
type FactsView struct {
	BirthDate     *string `json:"birth_date"`
	Female        bool    `json:"female"`
	MaritalStatus string  `json:"marital_status"`
	MonthlyIncome *int64  `json:"monthly_income"`
	MinimumWage   *int64  `json:"minimum_wage"`
	HouseholdHead bool    `json:"household_head"`
	Dependents    int     `json:"dependents"`
	Disability    bool    `json:"disability"`
	Education     string  `json:"education"`
}

// ReasonView is one criterion or factor: a stable code to translate, and
// an English sentence.
type ReasonView struct {
	Code string `json:"code"`
	Met  bool   `json:"met"`
	Text string `json:"text"`
}

// AssessmentView is an assessment as the API shows it. Facts is null when
// the personal data is gone (erasure or a destroyed key).
type AssessmentView struct {
	ID            string       `json:"id"`
	BeneficiaryID string       `json:"beneficiary_id"`
	EligiblePRSE  bool         `json:"eligible_prse"`
	Age           *int         `json:"age"`
	Reasons       []ReasonView `json:"reasons"`
	Facts         *FactsView   `json:"facts"`
	AssessedOn    string       `json:"assessed_on"`
	AssessedBy    *string      `json:"assessed_by"`
	CreatedAt     time.Time    `json:"created_at"`
}

// reasonTexts are the English readings of the reason codes.
var reasonTexts = map[string]string{
	ReasonAgeInRange:            "Aged 18 to 59",
	ReasonAgeOutOfRange:         "Not aged 18 to 59",
	ReasonBirthDateUnknown:      "Birth date unknown",
	ReasonFemale:                "Woman",
	ReasonNotFemale:             "Not recorded as a woman",
	ReasonIncomeBelowWage:       "Household income below the regional minimum wage",
	ReasonIncomeAtOrAboveWage:   "Household income at or above the regional minimum wage",
	ReasonIncomeUnknown:         "Household income unknown",
	ReasonMinimumWageUnknown:    "Regional minimum wage unknown for this year",
	ReasonMainBreadwinner:       "She is the household's main breadwinner",
	ReasonAbandonedOrWidowed:    "Widowed, divorced or abandoned",
	ReasonManyDependents:        "Three or more dependents",
	ReasonDisabilityInHousehold: "Disability or chronic illness in the household",
	ReasonLowEducation:          "No schooling or primary school only",
}

// reasonViews turns Assess reasons into API reasons.
func reasonViews(rs []Reason) []ReasonView {
	out := make([]ReasonView, len(rs))
	for i, r := range rs {
		out[i] = ReasonView{Code: r.Code, Met: r.Met, Text: reasonTexts[r.Code]}
	}
	return out
}

// sealedFacts is the JSON sealed into facts_sealed.
type sealedFacts struct {
	Facts   FactsView    `json:"facts"`
	Reasons []ReasonView `json:"reasons"`
}

func marshal(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
