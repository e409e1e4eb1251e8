package provision

import (
	"errors"
	"fmt"
)

// problems collects every validation failure, so one run of Validate shows
// an operator all that is wrong with a directory rather than the first fault.
type problems []error

// add records one problem.
func (p *problems) add(format string, args ...any) {
	*p = append(*p, fmt.Errorf(format, args...))
}

// Validate checks the bundle as a whole: each entry on its own and every
// reference between files (a group's region, host and programs). It reports
// all problems found, joined.
func (b *Bundle) Validate() error {
	var p problems
	validateRegions(b.Regions, &p)
	validateTemplates(b.Templates, &p)
	validateHosts(b.Hosts, &p)
	validateGroups(b, &p)
	validateEnterpriseKinds(b.EnterpriseKinds, &p)
	return errors.Join(p...)
}
