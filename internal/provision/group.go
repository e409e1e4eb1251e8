package provision

import (
	"fmt"
	"regexp"
)

// groupSlug matches a group's slug as used in /g/{slug} and /t/{slug}:
// 3 to 50 lowercase letters, digits and inner hyphens.
var groupSlug = regexp.MustCompile(`^[a-z0-9](?:[a-z0-9-]{1,48}[a-z0-9])$`)

// Group is a community social group declared in the tenants directory; it
// becomes a tenant when applied.
type Group struct {
	Slug       string `yaml:"slug"`
	Name       string `yaml:"name"`
	RegionCode string `yaml:"region_code"`
	// Village, District, Regency and Province repeat the names along the
	// region's parent chain for readers of the file; they are checked
	// against the regions so they cannot drift.
	Village  string `yaml:"village"`
	District string `yaml:"district"`
	Regency  string `yaml:"regency"`
	Province string `yaml:"province"`
	Verified bool   `yaml:"verified"`
	// Host is the key of the host receiving the group's online donations;
	// empty means the default host.
	Host  string `yaml:"host"`
	Story Text   `yaml:"story"`
	// Programs are keys of the templates the group runs.
	Programs []string `yaml:"programs"`

	// source is the file the group was read from, for messages.
	source string
}

// label names the group in messages by its file, or by slug when the bundle
// was built in code.
func (g Group) label() string {
	if g.source != "" {
		return fmt.Sprintf("%s: group %s", g.source, g.Slug)
	}
	return "group " + g.Slug
}

// validateGroups checks each group against the regions, hosts and templates
// of the same bundle.
func validateGroups(b *Bundle, p *problems) {
	slugs := make(map[string]bool, len(b.Groups))
	for _, g := range b.Groups {
		at := g.label()
		if !groupSlug.MatchString(g.Slug) {
			p.add("%s: slug %q must be 3-50 lowercase letters, digits and inner hyphens", at, g.Slug)
		}
		if slugs[g.Slug] {
			p.add("%s: slug is used by another group", at)
		}
		slugs[g.Slug] = true
		if g.Name == "" {
			p.add("%s: name is empty", at)
		}
		if !g.Story.empty() && !g.Story.complete() {
			p.add("%s: story needs both id and en", at)
		}
		if g.Host != "" {
			if _, ok := b.Host(g.Host); !ok {
				p.add("%s: unknown host %q", at, g.Host)
			}
		}
		validateGroupPrograms(b, g, p)
		validateGroupRegion(b, g, p)
	}
}

// validateGroupPrograms checks that a group runs known templates, once each.
func validateGroupPrograms(b *Bundle, g Group, p *problems) {
	seen := make(map[string]bool, len(g.Programs))
	for _, key := range g.Programs {
		if _, ok := b.Template(key); !ok {
			p.add("%s: unknown program template %q", g.label(), key)
		}
		if seen[key] {
			p.add("%s: program %s is listed more than once", g.label(), key)
		}
		seen[key] = true
	}
}

// validateGroupRegion checks that the group's region exists and that the
// place names written beside it match the region's parent chain.
func validateGroupRegion(b *Bundle, g Group, p *problems) {
	at := g.label()
	region, ok := b.Region(g.RegionCode)
	if !ok {
		p.add("%s: unknown region %q", at, g.RegionCode)
		return
	}
	names := []struct {
		level int
		field string
		value string
	}{
		{LevelProvince, "province", g.Province},
		{LevelRegency, "regency", g.Regency},
		{LevelDistrict, "district", g.District},
		{LevelVillage, "village", g.Village},
	}
	for _, n := range names {
		if n.value == "" {
			continue
		}
		if n.level > region.Level() {
			p.add("%s: %s %q is given but region %s is above that level", at, n.field, n.value, region.Code)
			continue
		}
		code := region.Ancestor(n.level)
		if want, ok := b.Region(code); ok && want.Name != n.value {
			p.add("%s: %s is %q but region %s is %q", at, n.field, n.value, code, want.Name)
		}
	}
}
