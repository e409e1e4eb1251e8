package provision

import "regexp"

// enterpriseKindsFile lists the kinds of members' enterprises.
const enterpriseKindsFile = "enterprise-kinds.yaml"

// enterpriseKindKey is a kebab-case key such as tenun-ikat.
var enterpriseKindKey = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// EnterpriseKind is one kind of productive enterprise (usaha ekonomi
// produktif) a member may run. The list only grows: a kind dropped from the
// file stays for the enterprises that already use it.
type EnterpriseKind struct {
	Key  string `yaml:"key"`
	Name Text   `yaml:"name"`
}

func validateEnterpriseKinds(kinds []EnterpriseKind, p *problems) {
	seen := map[string]bool{}
	for i, k := range kinds {
		switch {
		case !enterpriseKindKey.MatchString(k.Key) || len(k.Key) > 40:
			p.add("%s: kind %d: key %q must be kebab-case, at most 40 characters", enterpriseKindsFile, i+1, k.Key)
		case seen[k.Key]:
			p.add("%s: kind %q is listed twice", enterpriseKindsFile, k.Key)
		case !k.Name.complete():
			p.add("%s: kind %q needs a name in both languages", enterpriseKindsFile, k.Key)
		}
		seen[k.Key] = true
	}
}
