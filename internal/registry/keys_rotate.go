package registry

import (
	"context"
	"errors"

	"gorm.io/gorm/clause"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/sealed"
)

// RotateResult says what a rotation did.
type RotateResult struct {
	Version      int `json:"version"`       // the new key version
	Records      int `json:"records"`       // beneficiaries re-encrypted
	Assessments  int `json:"assessments"`   // assessments re-encrypted
	Unreadable   int `json:"unreadable"`    // records whose old key was already gone
	OldDestroyed int `json:"old_destroyed"` // old key versions destroyed
}

// RotateKey gives the tenant a new data key, re-encrypts every record and
// blind index under it, and destroys the old keys, all in one transaction.
// Records whose key was already destroyed stay unreadable.
func (s *Service) RotateKey(ctx context.Context, scope db.Scope, actor audit.Actor) (RotateResult, error) {
	var res RotateResult
	err := scope.Write(ctx, func(t *db.Tenant) error {
		old, err := lockKeys(t)
		if err != nil {
			return err
		}
		row, err := s.Keys.create(t)
		if err != nil {
			return err
		}
		dk, err := s.Keys.master.Unwrap(row.WrappedKey, wrapAAD(t.ID, row.Version))
		if err != nil {
			return err
		}
		next := Key{Version: row.Version, DK: dk}
		res.Version = row.Version
		if err := s.resealBeneficiaries(t, next, &res); err != nil {
			return err
		}
		if err := s.resealAssessments(t, next, &res); err != nil {
			return err
		}
		for _, r := range s.Resealers {
			if _, err := r.Reseal(t, next); err != nil {
				return err
			}
		}
		if res.OldDestroyed, err = destroyKeys(t, s, old); err != nil {
			return err
		}
		return audit.Record(t, actor, ActionRotate, EntityTenantKey, t.ID, "version")
	})
	s.Keys.Forget(scope.TenantID())
	return res, err
}

// lockKeys returns the tenant's key versions, locking them on PostgreSQL so
// writes sealing under them finish first (they hold a share lock).
func lockKeys(t *db.Tenant) ([]int, error) {
	if err := lockKeyring(t); err != nil {
		return nil, err
	}
	q := t.DB().Model(&TenantKey{}).Where("tenant_id = ?", t.ID)
	if t.DB().Dialector.Name() == "postgres" {
		q = q.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	var versions []int
	err := q.Order("version").Pluck("version", &versions).Error
	return versions, err
}

func (s *Service) resealBeneficiaries(t *db.Tenant, next Key, res *RotateResult) error {
	var rows []Beneficiary
	if err := t.DB().Where("tenant_id = ? AND key_version <> ?", t.ID, next.Version).Find(&rows).Error; err != nil {
		return err
	}
	for i := range rows {
		b := &rows[i]
		if !hasSealed(b) {
			continue
		}
		p, err := s.open(t, b)
		if isUnreadable(err) {
			res.Unreadable++
			continue
		}
		if err != nil {
			return err
		}
		sealPersonal(b, next, p)
		if err := t.DB().Model(&Beneficiary{}).Where("tenant_id = ? AND id = ?", t.ID, b.ID).Updates(map[string]any{
			"key_version": b.KeyVersion, "nik_sealed": b.NIKSealed, "nik_index": b.NIKIndex, "kk_sealed": b.KKSealed,
			"kk_index": b.KKIndex, "birth_date_sealed": b.BirthDateSealed, "phone_sealed": b.PhoneSealed,
			"address_sealed": b.AddressSealed, "income_sealed": b.IncomeSealed, "disability_sealed": b.DisabilitySealed,
		}).Error; err != nil {
			return err
		}
		res.Records++
	}
	return nil
}

func (s *Service) resealAssessments(t *db.Tenant, next Key, res *RotateResult) error {
	var rows []Assessment
	if err := t.DB().Where("tenant_id = ? AND key_version <> ? AND facts_sealed <> ''", t.ID, next.Version).Find(&rows).Error; err != nil {
		return err
	}
	for i := range rows {
		a := &rows[i]
		dk, err := s.Keys.Version(t, a.KeyVersion)
		if isUnreadable(err) {
			continue
		}
		if err != nil {
			return err
		}
		raw, err := sealed.OpenString(dk, a.FactsSealed, aad("assessments", "facts", a.ID))
		if errors.Is(err, sealed.ErrDecrypt) {
			continue
		}
		if err != nil {
			return err
		}
		if err := t.DB().Model(&Assessment{}).Where("tenant_id = ? AND id = ?", t.ID, a.ID).Updates(map[string]any{
			"key_version":  next.Version,
			"facts_sealed": sealed.SealString(next.DK, raw, aad("assessments", "facts", a.ID)),
		}).Error; err != nil {
			return err
		}
		res.Assessments++
	}
	return nil
}

// destroyKeys empties the wrapped keys of versions: what they sealed can
// never be opened again.
func destroyKeys(t *db.Tenant, s *Service, versions []int) (int, error) {
	if len(versions) == 0 {
		return 0, nil
	}
	r := t.DB().Model(&TenantKey{}).Where("tenant_id = ? AND version IN ? AND destroyed_at IS NULL", t.ID, versions).
		Updates(map[string]any{"wrapped_key": []byte{}, "destroyed_at": s.Now()})
	return int(r.RowsAffected), r.Error
}

// DestroyKeys crypto-shreds the tenant's personal data: every data key is
// destroyed, so no sealed field of any record can be read again, and the
// blind indexes are cleared. Records and their anonymous facts stay; new
// records get a new key. It is irreversible.
func (s *Service) DestroyKeys(ctx context.Context, scope db.Scope, actor audit.Actor) (int, error) {
	var n int
	err := scope.Write(ctx, func(t *db.Tenant) error {
		versions, err := lockKeys(t)
		if err != nil {
			return err
		}
		if n, err = destroyKeys(t, s, versions); err != nil {
			return err
		}
		if err := t.DB().Model(&Beneficiary{}).Where("tenant_id = ?", t.ID).
			Updates(map[string]any{"nik_index": nil, "kk_index": nil}).Error; err != nil {
			return err
		}
		return audit.Record(t, actor, ActionDestroy, EntityTenantKey, t.ID, "wrapped_key")
	})
	s.Keys.Forget(scope.TenantID())
	return n, err
}
