// Package rooms says which feature owns which table. A feature's store is
// the only code that names its tables in SQL or GORM models; another
// feature asks the owner through a function or a read model of its own.
// The test in this package holds the source to that map, and writes the
// map into docs/ARCHITECTURE.md so the page cannot drift from it.
package rooms

// Owners maps every table (and view) the migrations create to the package
// that owns it, as a folder under the module root.
var Owners = map[string]string{
	// identity: people, their sign-in and their own links
	"users":               "internal/identity",
	"sessions":            "internal/identity",
	"login_throttles":     "internal/identity",
	"password_resets":     "internal/identity",
	"email_verifications": "internal/identity",
	// tenancy: regions, groups, invitations
	"regions":      "internal/tenancy",
	"region_wages": "internal/tenancy",
	"tenants":      "internal/tenancy",
	"invitations":  "internal/tenancy",
	// access: who holds which role, and what each role may do
	"casbin_rule":         "internal/access",
	"memberships":         "internal/access",
	"region_coordinators": "internal/access",
	"platform_admins":     "internal/access",
	// audit
	"audit_events":  "internal/audit",
	"group_changes": "internal/audit",
	// registry
	"beneficiaries":            "internal/registry",
	"beneficiary_consents":     "internal/registry",
	"assessments":              "internal/registry",
	"tenant_keys":              "internal/registry",
	"reportable_beneficiaries": "internal/registry",
	// programs
	"program_templates":   "internal/programs",
	"programs":            "internal/programs",
	"program_enrollments": "internal/programs",
	"program_activities":  "internal/programs",
	"activity_attendance": "internal/programs",
	"outcomes":            "internal/programs",
	// partners
	"partners": "internal/partners",
	// funds
	"hosts":                 "internal/funds",
	"group_hosts":           "internal/funds",
	"donation_routes":       "internal/funds",
	"donations":             "internal/funds",
	"stripe_events":         "internal/funds",
	"ledger_entries":        "internal/funds",
	"ledger_approvals":      "internal/funds",
	"funds_settings":        "internal/funds",
	"receipt_counters":      "internal/funds",
	"payment_discrepancies": "internal/funds",
	"threshold_changes":     "internal/funds",
	// regions
	"group_figures":          "internal/regions",
	"group_reports":          "internal/regions",
	"group_months":           "internal/regions",
	"region_report_results":  "internal/regions",
	"verification_decisions": "internal/regions",
	// journal
	"journal_entries": "internal/journal",
	"journal_lines":   "internal/journal",
	// enterprises
	"enterprise_kinds":   "internal/enterprises",
	"enterprises":        "internal/enterprises",
	"enterprise_books":   "internal/enterprises",
	"enterprise_capital": "internal/enterprises",
	// groupfund
	"savings_transactions": "internal/groupfund",
	"fund_receipt_numbers": "internal/groupfund",
	"loans":                "internal/groupfund",
	"loan_repayments":      "internal/groupfund",
	"loan_write_offs":      "internal/groupfund",
	"loan_reschedules":     "internal/groupfund",
	"arisan_rounds":        "internal/groupfund",
	"arisan_members":       "internal/groupfund",
	"arisan_contributions": "internal/groupfund",
	"meetings":             "internal/groupfund",
	"meeting_items":        "internal/groupfund",
	"iks_rules":            "internal/groupfund",
	"iks_contributions":    "internal/groupfund",
	// platform
	"rate_limits": "internal/platform/ratelimit",
}
