// Package provision loads the declarative tenants directory (regions with
// their minimum wages, program templates, donation hosts and groups) and
// checks it as a whole before anything is applied to a database, so a typo in
// one file stops start-up with a clear message instead of half-applied data.
package provision

import "strings"

// Bundle is everything one tenants directory declares.
type Bundle struct {
	Regions   []Region
	Templates []Template
	Hosts     []Host
	Groups    []Group
	// EnterpriseKinds is the bilingual list of members' enterprise kinds.
	EnterpriseKinds []EnterpriseKind
}

// Text is a phrase in both languages the interface speaks.
type Text struct {
	ID string `yaml:"id"`
	EN string `yaml:"en"`
}

// complete reports whether both languages are present; the interface falls
// back from one to the other, but a catalog entry must not rely on that.
func (t Text) complete() bool {
	return strings.TrimSpace(t.ID) != "" && strings.TrimSpace(t.EN) != ""
}

// empty reports whether neither language is present.
func (t Text) empty() bool {
	return strings.TrimSpace(t.ID) == "" && strings.TrimSpace(t.EN) == ""
}

// Region returns the region with the given code.
func (b *Bundle) Region(code string) (Region, bool) {
	for _, r := range b.Regions {
		if r.Code == code {
			return r, true
		}
	}
	return Region{}, false
}

// MinimumWage returns the monthly minimum wage that applies to a region in a
// year. It walks up from the region to the province and takes the first wage
// found, because villages and kecamatan have no wage of their own and a
// regency without a UMK follows the provincial UMP.
func (b *Bundle) MinimumWage(code string, year int) (int64, bool) {
	for code != "" {
		r, ok := b.Region(code)
		if !ok {
			return 0, false
		}
		if amount, ok := r.Wage(year); ok {
			return amount, true
		}
		code = r.Parent()
	}
	return 0, false
}

// Template returns the highest version of the template with the given key.
func (b *Bundle) Template(key string) (Template, bool) {
	var found Template
	for _, t := range b.Templates {
		if t.Key == key && t.Version > found.Version {
			found = t
		}
	}
	return found, found.Key != ""
}

// DefaultHost returns the host that receives donations for groups naming
// no host of their own.
func (b *Bundle) DefaultHost() (Host, bool) {
	for _, h := range b.Hosts {
		if h.Default {
			return h, true
		}
	}
	return Host{}, false
}

// Host returns the host with the given key.
func (b *Bundle) Host(key string) (Host, bool) {
	for _, h := range b.Hosts {
		if h.Key == key {
			return h, true
		}
	}
	return Host{}, false
}
