// Package partners holds a group's collaborators — government offices,
// businesses, NGOs, universities and religious bodies — with their contact,
// MoU dates and what they contributed.
package partners

import (
	"time"

	"github.com/peduli/peduli/internal/platform/db"
)

// Kinds a partner can be.
var Kinds = []string{"government", "business", "ngo", "university", "religious", "other"}

// Partner is one row of partners.
type Partner struct {
	TenantID    string `gorm:"primaryKey"`
	ID          string `gorm:"primaryKey"`
	Kind        string
	Name        string
	ContactName string
	// ContactPhone and ContactEmail are clear only in memory and in rows
	// written before sealing; stored rows hold them in the sealed columns.
	ContactPhone       string
	ContactEmail       string
	ContactPhoneSealed string
	ContactEmailSealed string
	KeyVersion         int
	MoUStartsOn        *db.Date `gorm:"column:mou_starts_on"`
	MoUEndsOn          *db.Date `gorm:"column:mou_ends_on"`
	Contribution       string
	ContributionValue  *int64
	Notes              string
	CreatedBy          *string
	CreatedAt          time.Time
	UpdatedAt          time.Time
}

// TableName is partners.
func (Partner) TableName() string { return "partners" }

// Contact is the person to reach at a partner. It names a person, so only
// roles that read people see it.
type Contact struct {
	Name  string `json:"name"`
	Phone string `json:"phone"`
	Email string `json:"email"`
}

// View is a partner as the API and pages show it. Contact is nil for roles
// that may not read people.
type View struct {
	ID                string    `json:"id"`
	Kind              string    `json:"kind"`
	Name              string    `json:"name"`
	Contact           *Contact  `json:"contact"`
	MoUStartsOn       *db.Date  `json:"mou_starts_on"`
	MoUEndsOn         *db.Date  `json:"mou_ends_on"`
	MoUActive         bool      `json:"mou_active"`
	Contribution      string    `json:"contribution"`
	ContributionValue *int64    `json:"contribution_value"` // IDR minor units
	Notes             string    `json:"notes"`
	CreatedAt         time.Time `json:"created_at"`
	UpdatedAt         time.Time `json:"updated_at"`
}

// view shows p; withContact adds the contact person.
func (p *Partner) view(withContact bool, today db.Date) View {
	v := View{ID: p.ID, Kind: p.Kind, Name: p.Name, MoUStartsOn: p.MoUStartsOn, MoUEndsOn: p.MoUEndsOn,
		Contribution: p.Contribution, ContributionValue: p.ContributionValue, Notes: p.Notes,
		CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt}
	v.MoUActive = p.MoUStartsOn != nil && *p.MoUStartsOn <= today && (p.MoUEndsOn == nil || today <= *p.MoUEndsOn)
	if withContact {
		v.Contact = &Contact{Name: p.ContactName, Phone: p.ContactPhone, Email: p.ContactEmail}
	}
	return v
}
