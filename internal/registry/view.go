package registry

import (
	"time"

	"github.com/peduli/peduli/internal/platform/phone"
)

// What a view shows of the personal fields (View.PersonalData).
const (
	PersonalFull        = "full"        // every personal field in clear (an audited read)
	PersonalMasked      = "masked"      // NIK and phone masked, the rest hidden
	PersonalErased      = "erased"      // erased on request: nothing left to show
	PersonalUnavailable = "unavailable" // the tenant key was destroyed
)

// ErasedName replaces the name of an erased beneficiary.
const ErasedName = "[erased]"

// View is a beneficiary as the API and pages show her. Personal fields are
// null unless PersonalData is "full" (NIK and phone are masked when it is
// "masked").
type View struct {
	ID            string      `json:"id"`
	Name          string      `json:"name"`
	NIK           *string     `json:"nik"`
	KKNumber      *string     `json:"kk_number"`
	BirthDate     *string     `json:"birth_date"`
	BirthYear     *int        `json:"birth_year"`
	Phone         *string     `json:"phone"`
	Address       *string     `json:"address"`
	Village       string      `json:"village"`
	MaritalStatus string      `json:"marital_status"`
	HouseholdHead bool        `json:"household_head"`
	Dependents    int         `json:"dependents"`
	Education     string      `json:"education"`
	Occupation    string      `json:"occupation"`
	MonthlyIncome *int64      `json:"monthly_income"`
	Disability    *bool       `json:"disability"`
	Consent       ConsentView `json:"consent"`
	EligiblePRSE  *bool       `json:"eligible_prse"`
	PersonalData  string      `json:"personal_data"`
	CreatedAt     time.Time   `json:"created_at"`
	UpdatedAt     time.Time   `json:"updated_at"`
	ErasedAt      *time.Time  `json:"erased_at"`
}

// ConsentView is her current consent.
type ConsentView struct {
	Purposes   []string   `json:"purposes"`
	RecordedAt *time.Time `json:"recorded_at"`
	RecordedBy *string    `json:"recorded_by"`
}

// Page is one page of a list.
type Page struct {
	Items      []View  `json:"items"`
	NextCursor *string `json:"next_cursor"`
}

// baseView fills the non-personal fields of b.
func baseView(b *Beneficiary) View {
	return View{
		ID: b.ID, Name: b.Name, BirthYear: b.BirthYear, Village: b.Village, MaritalStatus: b.MaritalStatus,
		HouseholdHead: b.HouseholdHead, Dependents: b.Dependents, Education: b.Education, Occupation: b.Occupation,
		Consent:      ConsentView{Purposes: b.purposes(), RecordedAt: b.ConsentRecordedAt, RecordedBy: b.ConsentRecordedBy},
		EligiblePRSE: b.EligiblePRSE, CreatedAt: b.CreatedAt, UpdatedAt: b.UpdatedAt, ErasedAt: b.ErasedAt,
	}
}

// fullView shows every personal field of p.
func fullView(b *Beneficiary, p Personal) View {
	v := baseView(b)
	v.PersonalData = PersonalFull
	v.NIK, v.KKNumber, v.BirthDate = strPtr(p.NIK), strPtr(p.KK), strPtr(p.BirthDate)
	v.Phone, v.Address = strPtr(p.Phone), strPtr(p.Address)
	v.MonthlyIncome, v.Disability = p.MonthlyIncome, p.Disability
	return v
}

// maskedView shows the NIK and phone masked and hides the rest.
func maskedView(b *Beneficiary, p Personal) View {
	v := baseView(b)
	v.PersonalData = PersonalMasked
	if p.NIK != "" {
		v.NIK = strPtr(MaskNIK(p.NIK))
	}
	v.Phone = strPtr(phone.Mask(p.Phone))
	return v
}

// goneView is for a record whose personal data cannot be shown.
func goneView(b *Beneficiary, why string) View {
	v := baseView(b)
	v.PersonalData = why
	return v
}

func strPtr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
