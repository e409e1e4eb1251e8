// Package access decides what a user may do. casbin is the decision engine:
// the permissions each role grants are its shared policy (domain "*"), and
// who holds which role in a group, region or the platform is stored in the
// membership tables (memberships, region_coordinators, platform_admins)
// and answered to casbin by a bounded cache (roleManager).
package access

// Role is a named set of permissions within a domain.
type Role string

// Tenant roles, then the region and platform roles.
const (
	Owner         Role = "owner"
	Admin         Role = "admin"
	Treasurer     Role = "treasurer"
	Facilitator   Role = "facilitator"
	Viewer        Role = "viewer"
	Coordinator   Role = "coordinator"
	PlatformAdmin Role = "platform_admin"
)

// TenantRoles are the roles a tenant's team member can hold, strongest first.
var TenantRoles = []Role{Owner, Admin, Treasurer, Facilitator, Viewer}

// ValidTenantRole reports whether r is a tenant role.
func ValidTenantRole(r string) bool {
	for _, t := range TenantRoles {
		if string(t) == r {
			return true
		}
	}
	return false
}

// Perm is an object and an action on it, e.g. {"people", "write"}.
type Perm struct{ Obj, Act string }

// The permissions routes require. "people" is who a group serves (names and
// non-sensitive facts); "personal" is the sensitive part (NIK, KK, phone,
// income, health) shown only on a single-record read, which is audited.
var (
	TenantRead     = Perm{"tenant", "read"}
	TenantWrite    = Perm{"tenant", "write"}
	TenantDelete   = Perm{"tenant", "delete"}
	TenantTransfer = Perm{"tenant", "transfer"}
	TeamRead       = Perm{"team", "read"}
	TeamWrite      = Perm{"team", "write"}
	PeopleRead     = Perm{"people", "read"}
	PeopleWrite    = Perm{"people", "write"}
	PersonalRead   = Perm{"personal", "read"}
	PersonalErase  = Perm{"personal", "erase"}
	ProgramsRead   = Perm{"programs", "read"}
	ProgramsWrite  = Perm{"programs", "write"}
	ActivityWrite  = Perm{"activities", "write"}
	OutcomesWrite  = Perm{"outcomes", "write"}
	PartnersRead   = Perm{"partners", "read"}
	PartnersWrite  = Perm{"partners", "write"}
	DonationsRead  = Perm{"donations", "read"}
	DonationsWrite = Perm{"donations", "write"}
	DonorsRead     = Perm{"donors", "read"}
	LedgerRead     = Perm{"ledger", "read"}
	LedgerWrite    = Perm{"ledger", "write"}
	LedgerApprove  = Perm{"ledger", "approve"}
	AuditRead      = Perm{"audit", "read"}
	ReportsRead    = Perm{"reports", "read"}
	SettingsWrite  = Perm{"settings", "write"}
	// LedgerThreshold changes the expense approval threshold; no role lists
	// it, so only owners (through their wildcard) hold it.
	LedgerThreshold = Perm{"ledger", "threshold"}
	// The group's own money: "fund" is group totals (journal, portfolio),
	// "member_fund" one member's savings and loans, which are personal
	// amounts; "books" is members' enterprises and their monthly books;
	// "meetings" the group meeting sheet.
	FundRead       = Perm{"fund", "read"}
	FundWrite      = Perm{"fund", "write"}
	MemberFundRead = Perm{"member_fund", "read"}
	BooksWrite     = Perm{"books", "write"}
	MeetingsWrite  = Perm{"meetings", "write"}
)

// readAll is every read permission but the audit log (owners and admins only).
var readAll = []Perm{TenantRead, TeamRead, PeopleRead, PersonalRead, ProgramsRead, PartnersRead,
	DonationsRead, DonorsRead, LedgerRead, ReportsRead, FundRead, MemberFundRead}

// grants is the role table as data: what each tenant role may do. Owners hold the
// wildcard; everyone else is listed, so a new permission is denied by default.
var grants = map[Role][]Perm{
	Owner: {{"*", "*"}},
	Admin: append(append([]Perm{}, readAll...), AuditRead, PersonalErase, TenantWrite, TeamWrite, PeopleWrite,
		ProgramsWrite, ActivityWrite, OutcomesWrite, PartnersWrite, DonationsWrite, LedgerWrite,
		LedgerApprove, SettingsWrite, FundWrite, BooksWrite, MeetingsWrite),
	// Treasurers write the group's money; facilitators its members'
	// enterprise books; both run the meeting sheet.
	Treasurer: append(append([]Perm{}, readAll...), DonationsWrite, LedgerWrite, LedgerApprove, FundWrite, MeetingsWrite),
	// Facilitators run programs in the field, so they may also start one from
	// a template (the web journey has a facilitator do exactly that).
	Facilitator: {TenantRead, TeamRead, PeopleRead, PersonalRead, PeopleWrite, ProgramsRead, ProgramsWrite,
		ActivityWrite, OutcomesWrite, PartnersRead, DonationsRead, ReportsRead, FundRead, MemberFundRead, BooksWrite, MeetingsWrite},
	Viewer: {TenantRead, TeamRead, ProgramsRead, PartnersRead, DonationsRead, ReportsRead, FundRead},
}
