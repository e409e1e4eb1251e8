package rooms

// Exceptions are the places outside a table's owner that still name it,
// each with its reason, keyed "file table". The test fails on a use not
// listed here and on an entry no longer used, so the list only shrinks.
var Exceptions = map[string]string{
	// A region's groups are the tenants whose region code lies under it:
	// the rollup and the report pick them (and their names) in the same
	// query that reads their stored figures.
	"internal/regions/group_months.go tenants": regionGroups,
	"internal/regions/report.go tenants":       regionGroups,
	"internal/regions/rollup.go tenants":       regionGroups,
	// A region's list of groups pages and sorts groups by their published
	// figures in one query: tenants joined with group_figures.
	"internal/regions/groups.go tenants":      "one paged query joins groups with their published figures",
	"internal/regions/groups_page.go tenants": "the page cursor is read from the same rows the paged join sorts",
	// Seeding thousands of groups inserts their users and tenants in
	// batches; sign-up one at a time would take hours.
	"internal/devseed/global.go tenants": "bulk seed of development data in batches",
	"internal/devseed/global.go users":   "bulk seed of development data in batches",
	// Test support resets state between tests and marks a group verified.
	"internal/testkit/funds.go tenants":           "test fixture: marks a group verified",
	"internal/testkit/testkit.go login_throttles": "test setup: every test starts with no failed-login counters",
	"internal/testkit/testkit.go rate_limits":     "test setup: every test starts with no rate-limit windows",
}

const (
	regionGroups = "a region's groups are picked by region code in the query that reads their stored figures"
)
