package registry

import (
	"context"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/platform/httpx"
)

// LookupInput finds beneficiaries by NIK (is she registered?) or by family
// card number (who of her household is). It travels in a body, never in a
// URL, since both numbers are personal data.
type LookupInput struct {
	NIK      *string `json:"nik" validate:"omitempty,max=32"`
	KKNumber *string `json:"kk_number" validate:"omitempty,max=32"`
}

// Lookup returns the records in use whose NIK or KK number equals the
// given one, masked as in a list, found through the blind indexes. The
// search is audited (field names only).
func (s *Service) Lookup(ctx context.Context, scope db.Scope, actor audit.Actor, in LookupInput) ([]View, error) {
	purpose, value, err := s.checkLookup(in)
	if err != nil {
		return nil, err
	}
	out := []View{}
	err = scope.Write(ctx, func(t *db.Tenant) error {
		var versions []int
		if err := t.DB().Model(&TenantKey{}).Where("tenant_id = ? AND destroyed_at IS NULL", t.ID).
			Order("version DESC").Limit(1).Pluck("version", &versions).Error; err != nil {
			return err
		}
		if len(versions) > 0 {
			dk, err := s.Keys.Version(t, versions[0])
			if err != nil {
				return err
			}
			var rows []Beneficiary
			if err := t.DB().Select(listColumns).Where("tenant_id = ? AND "+purpose+"_index = ? AND deleted_at IS NULL",
				t.ID, dk.BlindIndex(purpose, value)).Order("name, id").Limit(MaxLimit).Find(&rows).Error; err != nil {
				return err
			}
			for i := range rows {
				v, err := s.listView(t, &rows[i])
				if err != nil {
					return err
				}
				out = append(out, v)
			}
		}
		field := "nik"
		if purpose == "kk" {
			field = "kk_number"
		}
		return audit.Record(t, actor, "lookup", EntityBeneficiary, "", field)
	})
	return out, err
}

// checkLookup returns the blind-index purpose and canonical value to look up.
func (s *Service) checkLookup(in LookupInput) (string, string, error) {
	if err := httpx.Validate(in); err != nil {
		return "", "", err
	}
	switch {
	case in.NIK != nil && in.KKNumber != nil:
		return "", "", errs.Invalid("nik", "one_of", "give either nik or kk_number, not both")
	case in.NIK != nil:
		n, err := ParseNIK(*in.NIK, s.today())
		if err != nil {
			return "", "", errs.Invalid("nik", "nik", "must be a valid NIK: "+err.Error())
		}
		return "nik", n.Digits, nil
	case in.KKNumber != nil:
		kk, err := ParseKK(*in.KKNumber)
		if err != nil {
			return "", "", errs.Invalid("kk_number", "kk", "must be a valid family card number: "+err.Error())
		}
		return "kk", kk, nil
	}
	return "", "", errs.Invalid("nik", "required", "give nik or kk_number")
}
