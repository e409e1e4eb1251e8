// Package programs holds what a group runs: the shared catalog of program
// templates, a tenant's programs (snapshots of a template version or made
// from scratch), enrollments, activities, attendance and outcomes, with
// per-beneficiary progress and graduation readiness.
package programs

import (
	"encoding/json"
	"time"

	"github.com/peduli/peduli/internal/platform/db"
)

// Text is a phrase in Bahasa Indonesia and English.
type Text struct {
	ID string `json:"id"`
	EN string `json:"en"`
}

// ActivityKind is a kind of activity a program records, such as a training.
type ActivityKind struct {
	Key  string `json:"key"`
	Name Text   `json:"name"`
}

// Indicator is an outcome a program measures for each member.
type Indicator struct {
	Key       string `json:"key"`
	Name      Text   `json:"name"`
	Unit      string `json:"unit"`      // IDR, days, count, kg or percent
	Direction string `json:"direction"` // up or down: which way is better
	// Income marks the household enterprise income compared with the
	// regional minimum wage for graduation; its unit is IDR minor units.
	Income bool `json:"income"`
	// Decimals is how many digits after the decimal separator a value may
	// have (0–2; more than 0 only for kg and percent). Values are stored as
	// whole numbers of 10^-Decimals units: 1,5 kg with Decimals 1 is 15.
	// Money never has decimals: income is in IDR minor units.
	Decimals int `json:"decimals,omitempty"`
}

// Template is one version of a catalog entry (table program_templates).
type Template struct {
	Key               string `gorm:"primaryKey"`
	Version           int    `gorm:"primaryKey"`
	Category          string
	KUBE              bool `gorm:"column:kube"`
	GraduationPeriods int
	Name              string
	NameEN            string `gorm:"column:name_en"`
	Description       string
	DescriptionEN     string `gorm:"column:description_en"`
	Activities        string // JSON []ActivityKind
	Indicators        string // JSON []Indicator
	CreatedBy         *string
	CreatedAt         time.Time
}

// TableName is program_templates.
func (Template) TableName() string { return "program_templates" }

// Program statuses.
const (
	StatusActive = "active"
	StatusClosed = "closed"
)

// Program is a tenant's program (table programs).
type Program struct {
	TenantID          string `gorm:"primaryKey"`
	ID                string `gorm:"primaryKey"`
	TemplateKey       *string
	TemplateVersion   *int
	Name              string
	Category          string
	KUBE              bool `gorm:"column:kube"`
	GraduationPeriods int
	Description       string
	Activities        string // JSON []ActivityKind, copied from the template
	Indicators        string // JSON []Indicator, copied from the template
	Status            string
	StartsOn          db.Date
	EndsOn            *db.Date
	CreatedBy         *string
	CreatedAt         time.Time
	UpdatedAt         time.Time
}

// ActivityKinds decodes the program's activity list.
func (p *Program) ActivityKinds() []ActivityKind { return decodeList[ActivityKind](p.Activities) }

// IndicatorList decodes the program's indicator list.
func (p *Program) IndicatorList() []Indicator { return decodeList[Indicator](p.Indicators) }

// Indicator returns the program's indicator with key.
func (p *Program) Indicator(key string) (Indicator, bool) {
	for _, in := range p.IndicatorList() {
		if in.Key == key {
			return in, true
		}
	}
	return Indicator{}, false
}

// IncomeIndicator returns the indicator graduation is measured by.
func (p *Program) IncomeIndicator() (Indicator, bool) {
	for _, in := range p.IndicatorList() {
		if in.Income {
			return in, true
		}
	}
	return Indicator{}, false
}

// Activity is one held activity of a program (table program_activities).
type Activity struct {
	TenantID  string `gorm:"primaryKey"`
	ID        string `gorm:"primaryKey"`
	ProgramID string
	Title     string
	Kind      string
	HeldOn    db.Date
	Notes     string
	// ErasedPresent counts the erased women who were present: their
	// attendance rows are gone, their presence stays as a number.
	ErasedPresent int
	CreatedBy     *string
	CreatedAt     time.Time
}

// TableName is program_activities.
func (Activity) TableName() string { return "program_activities" }

// decodeList reads a JSON list column; a broken value reads as empty,
// since the column is only ever written by this package.
func decodeList[T any](raw string) []T {
	out := []T{}
	_ = json.Unmarshal([]byte(raw), &out)
	return out
}

// encodeList writes a list for a JSON column.
func encodeList[T any](list []T) string {
	if list == nil {
		list = []T{}
	}
	b, _ := json.Marshal(list)
	return string(b)
}

// Enrollment is a beneficiary taking part in a program (table program_enrollments).
type Enrollment struct {
	TenantID      string `gorm:"primaryKey"`
	ID            string `gorm:"primaryKey"`
	ProgramID     string
	BeneficiaryID string
	EnrolledOn    db.Date
	// WithdrawnOn is set when she left the program; her attendance and
	// outcomes stay, and she no longer counts as a member.
	WithdrawnOn *db.Date
	CreatedBy   *string
	CreatedAt   time.Time
}

// TableName is program_enrollments.
func (Enrollment) TableName() string { return "program_enrollments" }

// Attendance is one person present at an activity (table activity_attendance).
type Attendance struct {
	TenantID      string `gorm:"primaryKey"`
	ID            string `gorm:"primaryKey"`
	ProgramID     string
	ActivityID    string
	BeneficiaryID string
	CreatedAt     time.Time
}

// TableName is activity_attendance.
func (Attendance) TableName() string { return "activity_attendance" }

// Outcome is one measurement of an indicator for a beneficiary in a month
// (table outcomes).
type Outcome struct {
	TenantID      string `gorm:"primaryKey"`
	ID            string `gorm:"primaryKey"`
	ProgramID     string
	BeneficiaryID string
	Indicator     string
	Period        string // YYYY-MM
	// Value is the measurement in clear; 0 for an income indicator, whose
	// value is sealed in ValueSealed under the tenant key KeyVersion.
	Value       int64
	ValueSealed string
	KeyVersion  int
	RecordedBy  *string
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// TableName is outcomes.
func (Outcome) TableName() string { return "outcomes" }
