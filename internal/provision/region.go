package provision

import (
	"regexp"
	"strings"
)

// regionCode matches a Home Affairs region code: province "53", regency or
// city "53.01", kecamatan "53.01.08", desa or kelurahan "53.01.08.2011".
var regionCode = regexp.MustCompile(`^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$`)

// Region levels, by the number of segments in a region code.
const (
	LevelProvince = 1
	LevelRegency  = 2
	LevelDistrict = 3
	LevelVillage  = 4
)

// Wage is a monthly minimum wage in force for a year, in IDR minor units as
// Stripe counts them (two decimals: Rp 2.455.898 is 245589800).
type Wage struct {
	Year   int   `yaml:"year"`
	Amount int64 `yaml:"amount"`
}

// Region is a province, regency or city, kecamatan, or desa or kelurahan,
// identified by its Home Affairs code.
type Region struct {
	Code  string `yaml:"code"`
	Name  string `yaml:"name"`
	Wages []Wage `yaml:"wages"`
}

// Parent returns the code of the region this one lies in, or "" for a
// province. It is derived from the code, so the two can never disagree.
func (r Region) Parent() string {
	i := strings.LastIndexByte(r.Code, '.')
	if i < 0 {
		return ""
	}
	return r.Code[:i]
}

// Level returns 1 for a province, 2 for a regency or city, 3 for a kecamatan
// and 4 for a desa or kelurahan.
func (r Region) Level() int {
	if r.Code == "" {
		return 0
	}
	return strings.Count(r.Code, ".") + 1
}

// Ancestor returns the code of the region at the given level that contains
// this one, or the region's own code when it is at that level.
func (r Region) Ancestor(level int) string {
	segments := strings.Split(r.Code, ".")
	if level < 1 || level > len(segments) {
		return ""
	}
	return strings.Join(segments[:level], ".")
}

// Wage returns the region's own minimum wage for a year; see
// Bundle.MinimumWage for the wage that applies to it.
func (r Region) Wage(year int) (int64, bool) {
	for _, w := range r.Wages {
		if w.Year == year {
			return w.Amount, true
		}
	}
	return 0, false
}

// validateRegions checks codes, names and wages, and that every parent is
// listed before its children so regions can be applied in file order.
func validateRegions(regions []Region, p *problems) {
	const file = regionsFile
	all := make(map[string]bool, len(regions))
	for _, r := range regions {
		all[r.Code] = true
	}
	seen := make(map[string]bool, len(regions))
	for i, r := range regions {
		switch {
		case !regionCode.MatchString(r.Code):
			p.add("%s: region #%d %q: malformed code (want 53, 53.01, 53.01.08 or 53.01.08.2011)", file, i+1, r.Code)
		case seen[r.Code]:
			p.add("%s: region %s: listed more than once", file, r.Code)
		case r.Parent() != "" && !all[r.Parent()]:
			p.add("%s: region %s: parent %s is missing", file, r.Code, r.Parent())
		case r.Parent() != "" && !seen[r.Parent()]:
			p.add("%s: region %s: parent %s must be listed before it", file, r.Code, r.Parent())
		}
		seen[r.Code] = true
		if strings.TrimSpace(r.Name) == "" {
			p.add("%s: region %s: name is empty", file, r.Code)
		}
		validateWages(r, p)
	}
}

// validateWages checks one region's wage list: one positive amount a year.
func validateWages(r Region, p *problems) {
	years := make(map[int]bool, len(r.Wages))
	for _, w := range r.Wages {
		if w.Year < 2000 || w.Year > 2100 {
			p.add("%s: region %s: wage year %d is out of range", regionsFile, r.Code, w.Year)
		}
		if w.Amount <= 0 {
			p.add("%s: region %s: wage for %d must be positive", regionsFile, r.Code, w.Year)
		}
		if years[w.Year] {
			p.add("%s: region %s: wage for %d is given more than once", regionsFile, r.Code, w.Year)
		}
		years[w.Year] = true
	}
}
