package programs

import (
	"fmt"

	"github.com/peduli/peduli/internal/platform/db"
)

// IndicatorDecimals returns, for a tenant's programs, the indicators whose
// values carry decimals (program id → indicator key → decimals). Figures
// that pool one indicator across programs scale each value by it, since a
// program started from an older catalog version may keep whole units.
func IndicatorDecimals(t *db.Tenant) (map[string]map[string]int, error) {
	var progs []Program
	if err := t.DB().Select("id, indicators").Where("tenant_id = ?", t.ID).Find(&progs).Error; err != nil {
		return nil, fmt.Errorf("programs: indicator decimals: %w", err)
	}
	out := map[string]map[string]int{}
	for _, p := range progs {
		for _, in := range p.IndicatorList() {
			if in.Decimals > 0 {
				if out[p.ID] == nil {
					out[p.ID] = map[string]int{}
				}
				out[p.ID][in.Key] = in.Decimals
			}
		}
	}
	return out, nil
}
