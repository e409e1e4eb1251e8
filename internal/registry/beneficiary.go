package registry

import "time"

// Beneficiary is one row of beneficiaries: a woman a group serves. The
// *Sealed fields hold personal data encrypted under the tenant key
// KeyVersion; the *Index fields are blind indexes for uniqueness and
// look-up. The clear fields are non-identifying facts kept for aggregates.
type Beneficiary struct {
	TenantID          string `gorm:"primaryKey"`
	ID                string `gorm:"primaryKey"`
	Name              string
	KeyVersion        int
	NIKSealed         string  `gorm:"column:nik_sealed"`
	NIKIndex          *string `gorm:"column:nik_index"`
	KKSealed          string  `gorm:"column:kk_sealed"`
	KKIndex           *string `gorm:"column:kk_index"`
	BirthDateSealed   string
	PhoneSealed       string
	AddressSealed     string
	IncomeSealed      string
	DisabilitySealed  string
	BirthYear         *int
	Female            bool
	Village           string
	MaritalStatus     string
	HouseholdHead     bool
	Dependents        int
	Education         string
	Occupation        string
	ConsentServices   bool
	ConsentReporting  bool
	ConsentSharing    bool
	ConsentRecordedAt *time.Time
	ConsentRecordedBy *string
	EligiblePRSE      *bool `gorm:"column:eligible_prse"`
	CreatedBy         *string
	CreatedAt         time.Time
	UpdatedAt         time.Time
	DeletedAt         *time.Time
	ErasedAt          *time.Time
}

// TableName is beneficiaries.
func (Beneficiary) TableName() string { return "beneficiaries" }

// Personal holds a beneficiary's personal fields in clear, as they are
// sealed into and opened from a Beneficiary row. Empty means absent.
type Personal struct {
	NIK           string
	KK            string
	BirthDate     string // YYYY-MM-DD
	Phone         string // E.164
	Address       string
	MonthlyIncome *int64 // IDR minor units
	Disability    *bool
}

// Consent purposes.
const (
	PurposeServices  = "services"
	PurposeReporting = "reporting"
	PurposeSharing   = "sharing"
)

// Purposes lists every consent purpose in display order.
var Purposes = []string{PurposeServices, PurposeReporting, PurposeSharing}

// purposes returns the consented purposes of b in display order.
func (b *Beneficiary) purposes() []string {
	out := []string{}
	for _, p := range []struct {
		on   bool
		name string
	}{{b.ConsentServices, PurposeServices}, {b.ConsentReporting, PurposeReporting}, {b.ConsentSharing, PurposeSharing}} {
		if p.on {
			out = append(out, p.name)
		}
	}
	return out
}

// setPurposes sets the consent columns from a list of purposes.
func (b *Beneficiary) setPurposes(ps []string) {
	b.ConsentServices, b.ConsentReporting, b.ConsentSharing = false, false, false
	for _, p := range ps {
		switch p {
		case PurposeServices:
			b.ConsentServices = true
		case PurposeReporting:
			b.ConsentReporting = true
		case PurposeSharing:
			b.ConsentSharing = true
		}
	}
}

// ConsentRecord is one row of beneficiary_consents: the purposes she
// consented to from RecordedAt on, as recorded by RecordedBy.
type ConsentRecord struct {
	TenantID      string `gorm:"primaryKey" json:"-"`
	ID            string `gorm:"primaryKey" json:"id"`
	BeneficiaryID string `json:"-"`
	Purposes      string `json:"-"`
	RecordedBy    *string
	RecordedAt    time.Time
}

// TableName is beneficiary_consents.
func (ConsentRecord) TableName() string { return "beneficiary_consents" }
