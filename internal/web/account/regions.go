package account

import (
	"context"
	"strings"

	"github.com/peduli/peduli/internal/tenancy"
)

// regionChoice is what the sign-up form's region picker shows: the
// regencies, and for the chosen one its kecamatan, each with its villages.
type regionChoice struct {
	Regencies []tenancy.Region
	Regency   *tenancy.Region
	Districts []districtChoice
}

type districtChoice struct {
	tenancy.Region
	Villages []tenancy.Region
}

// regionChoices reads the region tree and arranges it for regency (a code,
// possibly empty or unknown).
func (h *Handlers) regionChoices(ctx context.Context, regency string) (*regionChoice, error) {
	all, err := h.Tenancy.Store.Regions(ctx)
	if err != nil {
		return nil, err
	}
	rc := &regionChoice{}
	for i, r := range all {
		if r.Level == 2 {
			rc.Regencies = append(rc.Regencies, r)
			if r.Code == regency {
				rc.Regency = &all[i]
			}
		}
	}
	if rc.Regency == nil {
		return rc, nil
	}
	prefix := rc.Regency.Code + "."
	for _, r := range all {
		if !strings.HasPrefix(r.Code, prefix) {
			continue
		}
		switch r.Level {
		case 3:
			rc.Districts = append(rc.Districts, districtChoice{Region: r})
		case 4:
			if n := len(rc.Districts); n > 0 && strings.HasPrefix(r.Code, rc.Districts[n-1].Code+".") {
				rc.Districts[n-1].Villages = append(rc.Districts[n-1].Villages, r)
			}
		}
	}
	return rc, nil
}

// regencyOf returns the regency code above a region code ("53.01.08.2011" → "53.01").
func regencyOf(code string) string {
	parts := strings.Split(code, ".")
	if len(parts) < 2 {
		return ""
	}
	return parts[0] + "." + parts[1]
}
