package tenancy

import (
	"context"
	"strings"
)

// Kinds of minimum wage a household's income is compared with.
const (
	// WageUMK is a regency's or city's own minimum wage (Upah Minimum
	// Kabupaten/Kota), such as Kota Kupang's.
	WageUMK = "umk"
	// WageUMP is the provincial minimum wage (Upah Minimum Provinsi), which
	// regencies without a UMK follow.
	WageUMP = "ump"
)

// WageSource says which minimum wage applies to a region in a year: the
// regency's own UMK when it sets one, otherwise its province's UMP. A
// regency whose figure only repeats the province's follows the UMP (the
// region list copies the UMP to regencies without a UMK). Kind is "" and
// Region nil when no wage is known.
type WageSource struct {
	Kind   string
	Region *Region
}

// MinimumWageSource returns the WageSource of the region with code in year.
func (s *Store) MinimumWageSource(ctx context.Context, code string, year int) (WageSource, error) {
	parts := strings.Split(code, ".")
	province, regency := parts[0], ""
	if len(parts) >= 2 {
		regency = parts[0] + "." + parts[1]
	}
	var w []RegionWage
	if err := s.db.Global(ctx).Where("region_code IN ? AND year = ?", []string{province, regency}, year).Find(&w).Error; err != nil {
		return WageSource{}, err
	}
	amounts := map[string]int64{}
	for _, x := range w {
		amounts[x.RegionCode] = x.Amount
	}
	pick := func(kind, at string) (WageSource, error) {
		r, err := s.Region(ctx, at)
		if err != nil {
			return WageSource{}, err
		}
		return WageSource{Kind: kind, Region: r}, nil
	}
	own, hasOwn := amounts[regency]
	ump, hasUMP := amounts[province]
	switch {
	case hasOwn && (!hasUMP || own != ump):
		return pick(WageUMK, regency)
	case hasUMP:
		return pick(WageUMP, province)
	}
	return WageSource{}, nil
}
