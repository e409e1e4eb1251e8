package funds

import "time"

// Host is a legal entity with a public-fundraising permit that receives
// online donations (table hosts).
type Host struct {
	Key                 string `gorm:"primaryKey"`
	Name                string
	IsDefault           bool
	StripeAccount       string
	PermitNumber        string
	PermitArea          string
	ValidFrom           string
	ValidUntil          string
	StripeKeyWrapped    []byte
	StripeSecretSealed  string
	WebhookSecretSealed string
	CreatedAt           time.Time
	UpdatedAt           time.Time
}

// TableName is hosts.
func (Host) TableName() string { return "hosts" }

// PermitValidOn reports whether the permit covers the date (YYYY-MM-DD);
// dates in that form compare as strings.
func (h *Host) PermitValidOn(date string) bool {
	return day(h.ValidFrom) <= date && date <= day(h.ValidUntil)
}

// GroupHost attaches a group to a host other than the default (table group_hosts).
type GroupHost struct {
	TenantID   string `gorm:"primaryKey"`
	HostKey    string
	AttachedBy *string
	AttachedAt time.Time
}

// TableName is group_hosts.
func (GroupHost) TableName() string { return "group_hosts" }

// Route maps an opaque Stripe or receipt reference to the tenant and
// donation it belongs to (table donation_routes).
type Route struct {
	Ref        string `gorm:"primaryKey"`
	TenantID   string
	DonationID string
	CreatedAt  time.Time
}

// TableName is donation_routes.
func (Route) TableName() string { return "donation_routes" }

// Donation is one gift: online (pending until Stripe confirms it) or
// recorded by hand (table donations).
type Donation struct {
	TenantID   string `gorm:"primaryKey"`
	ID         string `gorm:"primaryKey"`
	ParentID   *string
	Channel    string
	Frequency  string
	Status     string
	Amount     int64
	Currency   string
	ProgramID  *string
	HostKey    *string
	DonorName  string
	DonorEmail string
	Anonymous  bool
	// ShowName is the donor's choice to be named on the public page.
	ShowName          bool
	Locale            string
	Description       string
	ReceivedOn        *string
	CheckoutSessionID string
	SubscriptionID    string
	PaymentIntentID   string
	InvoiceID         string
	RefundedAmount    int64
	ReceiptNumber     string
	ReceiptTokenHash  string
	RecordedBy        *string
	SucceededAt       *time.Time
	CreatedAt         time.Time
	UpdatedAt         time.Time
}

// TableName is donations.
func (Donation) TableName() string { return "donations" }

// LedgerEntry is one money movement; never changed once written (table
// ledger_entries).
type LedgerEntry struct {
	TenantID      string `gorm:"primaryKey"`
	ID            string `gorm:"primaryKey"`
	Kind          string
	Source        string
	Amount        int64
	Currency      string
	Category      string
	ProgramID     *string
	OccurredOn    string
	Note          string
	DonationID    *string
	ReversesID    *string
	SourceKey     *string
	NeedsApproval bool
	ReceiptFile   string
	ReceiptType   string
	CreatedBy     *string
	CreatedAt     time.Time
}

// TableName is ledger_entries.
func (LedgerEntry) TableName() string { return "ledger_entries" }

// Approval is a second person's approval of an expense (table ledger_approvals).
type Approval struct {
	TenantID   string `gorm:"primaryKey"`
	EntryID    string `gorm:"primaryKey"`
	ApprovedBy string
	ApprovedAt time.Time
}

// TableName is ledger_approvals.
func (Approval) TableName() string { return "ledger_approvals" }

// Settings are a group's money settings (table funds_settings).
type Settings struct {
	TenantID          string `gorm:"primaryKey"`
	ApprovalThreshold int64
	UpdatedBy         *string
	UpdatedAt         time.Time
}

// TableName is funds_settings.
func (Settings) TableName() string { return "funds_settings" }

// Ledger entry kinds and sources.
const (
	KindIncome  = "income"
	KindExpense = "expense"

	SourceOnline   = "online"
	SourceCash     = "cash"
	SourceTransfer = "transfer"
	SourceInKind   = "in_kind"
	SourceManual   = "manual"

	// KindTransfer is the API's name for a host-to-group transfer, stored
	// as an income row with SourceHostTransfer that totals leave out: the
	// money was counted when the gift arrived at the host.
	KindTransfer       = "transfer"
	SourceHostTransfer = "host_transfer"
)
