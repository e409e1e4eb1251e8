package regions

import (
	"context"
	"errors"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/platform/httpx"
	"github.com/peduli/peduli/internal/tenancy"
)

// TenantChange is the body of PATCH /admin/tenants/{slug}: move a group to
// another region node, suspend it or lift a suspension.
type TenantChange struct {
	RegionCode *string `json:"region_code" validate:"omitempty,min=1,max=20"`
	Status     *string `json:"status" validate:"omitempty,oneof=active suspended"`
}

// ChangeTenant applies a platform admin's change to a group. Nothing about
// who oversees a group is cached: coordinator checks read the group's
// region_code on every request, so a move takes effect on the next one.
func (s *Service) ChangeTenant(ctx context.Context, actor audit.Actor, slug string, in TenantChange) (*tenancy.Tenant, error) {
	if err := httpx.Validate(in); err != nil {
		return nil, err
	}
	t, err := s.Tenancy.TenantBySlug(ctx, slug)
	if err != nil {
		return nil, err
	}
	var ch tenancy.GroupChange
	var fields []string
	if in.RegionCode != nil && *in.RegionCode != t.RegionCode {
		place, err := s.place(ctx, *in.RegionCode)
		if errors.Is(err, errs.ErrNotFound) {
			return nil, errs.Invalid("region_code", "region", "must name a known region")
		}
		if err != nil {
			return nil, err
		}
		ch.RegionCode = in.RegionCode
		ch.Village, ch.District, ch.Regency, ch.Province = place["village"], place["district"], place["regency"], place["province"]
		fields = append(fields, "region_code")
	}
	if in.Status != nil && *in.Status != t.Status {
		ch.Status = in.Status
		fields = append(fields, "status")
	}
	if len(fields) == 0 {
		return t, nil
	}
	err = s.DB.Scope(t.ID).Write(ctx, func(tx *db.Tenant) error {
		if err := tenancy.ChangeGroup(tx, ch, s.Now()); err != nil {
			return err
		}
		return audit.Record(tx, actor, audit.Update, "tenant", t.ID, fields...)
	})
	if err != nil {
		return nil, err
	}
	return s.Tenancy.TenantBySlug(ctx, slug)
}

// place returns the readable place names of region code by level, so a
// moved group's village, district, regency and province follow its node.
func (s *Service) place(ctx context.Context, code string) (map[string]string, error) {
	out := map[string]string{"village": "", "district": "", "regency": "", "province": ""}
	names := map[int]string{1: "province", 2: "regency", 3: "district", 4: "village"}
	if _, err := s.Tenancy.Region(ctx, code); err != nil {
		return nil, err
	}
	for _, c := range tenancy.Ancestors(code) {
		r, err := s.Tenancy.Region(ctx, c)
		if err != nil {
			return nil, err
		}
		if col, ok := names[r.Level]; ok {
			out[col] = r.Name
		}
	}
	return out, nil
}
