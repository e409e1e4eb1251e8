package provision

import (
	"strings"
	"time"
)

// PlatformAccount is the StripeAccount of a host whose donations go through
// the platform's own Stripe keys (PEDULI_STRIPE_SECRET_KEY).
const PlatformAccount = "platform"

// dateLayout is the form permit dates are written in.
const dateLayout = "2006-01-02"

// Host is a legal entity (yayasan or perkumpulan) holding a public
// fundraising permit. Online donations are received by a host and earmarked
// per group, because a community group usually has no permit of its own.
type Host struct {
	Key  string `yaml:"key"`
	Name string `yaml:"name"`
	// Default marks the host that receives donations for groups naming no
	// other host; at most one host is the default.
	Default bool `yaml:"default"`
	// StripeAccount is PlatformAccount or the host's own Stripe account id
	// (acct_...).
	StripeAccount string `yaml:"stripe_account"`
	Permit        Permit `yaml:"permit"`
}

// Permit is a public fundraising (PUB) permit.
type Permit struct {
	Number string `yaml:"number"`
	// Area is the region the permit allows collecting in.
	Area string `yaml:"area"`
	// ValidFrom and ValidUntil are dates written YYYY-MM-DD, both inclusive.
	ValidFrom  string `yaml:"valid_from"`
	ValidUntil string `yaml:"valid_until"`
}

// validateHosts checks each host, that keys are unique and that at most one
// host is the default.
func validateHosts(hosts []Host, p *problems) {
	const file = hostsFile
	keys := make(map[string]bool, len(hosts))
	var defaults []string
	for i, h := range hosts {
		if !templateKey.MatchString(h.Key) {
			p.add("%s: host #%d: key %q must be lowercase letters, digits and hyphens", file, i+1, h.Key)
		}
		if keys[h.Key] {
			p.add("%s: host %s: listed more than once", file, h.Key)
		}
		keys[h.Key] = true
		if h.Default {
			defaults = append(defaults, h.Key)
		}
		if strings.TrimSpace(h.Name) == "" {
			p.add("%s: host %s: name is empty", file, h.Key)
		}
		if h.StripeAccount != PlatformAccount && !strings.HasPrefix(h.StripeAccount, "acct_") {
			p.add("%s: host %s: stripe_account %q must be %q or a Stripe account id (acct_...)", file, h.Key, h.StripeAccount, PlatformAccount)
		}
		validatePermit(h, p)
	}
	if len(defaults) > 1 {
		p.add("%s: hosts %s are all marked default; at most one may be", file, strings.Join(defaults, ", "))
	}
}

// validatePermit checks a host's permit: a number, an area and a valid
// date range.
func validatePermit(h Host, p *problems) {
	const file = hostsFile
	if strings.TrimSpace(h.Permit.Number) == "" {
		p.add("%s: host %s: permit number is empty", file, h.Key)
	}
	if strings.TrimSpace(h.Permit.Area) == "" {
		p.add("%s: host %s: permit area is empty", file, h.Key)
	}
	from, errFrom := time.Parse(dateLayout, h.Permit.ValidFrom)
	if errFrom != nil {
		p.add("%s: host %s: permit valid_from %q is not a date (YYYY-MM-DD)", file, h.Key, h.Permit.ValidFrom)
	}
	until, errUntil := time.Parse(dateLayout, h.Permit.ValidUntil)
	if errUntil != nil {
		p.add("%s: host %s: permit valid_until %q is not a date (YYYY-MM-DD)", file, h.Key, h.Permit.ValidUntil)
	}
	if errFrom == nil && errUntil == nil && until.Before(from) {
		p.add("%s: host %s: permit valid_until %s is before valid_from %s", file, h.Key, h.Permit.ValidUntil, h.Permit.ValidFrom)
	}
}
