package enterprises

import (
	"encoding/json"
	"errors"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/sealed"
	"github.com/peduli/peduli/internal/registry"
)

// A month's figures are a woman's income, so they are sealed with the
// tenant's data key like the registry's income field and income outcomes.

// bookAAD binds sealed figures to their enterprise and month.
func bookAAD(enterpriseID, period string) string {
	return "enterprise_books.figures:" + enterpriseID + ":" + period
}

// seal puts b.Figures into FiguresSealed under key.
func seal(b *Book, key registry.Key) {
	raw, _ := json.Marshal(b.Figures) // a struct of integers always marshals
	b.FiguresSealed = sealed.SealString(key.DK, string(raw), bookAAD(b.EnterpriseID, b.Period))
	b.KeyVersion = key.Version
}

// open fills b.Figures from FiguresSealed. ok is false when they can no
// longer be read (the key was destroyed); callers leave such books out.
func (s *Service) open(t *db.Tenant, b *Book) (ok bool, err error) {
	dk, err := s.Keys.Version(t, b.KeyVersion)
	if errors.Is(err, registry.ErrKeyDestroyed) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	raw, err := sealed.OpenString(dk, b.FiguresSealed, bookAAD(b.EnterpriseID, b.Period))
	if errors.Is(err, sealed.ErrDecrypt) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return json.Unmarshal([]byte(raw), &b.Figures) == nil, nil
}

// openAll decrypts books in place and leaves out the unreadable ones.
func (s *Service) openAll(t *db.Tenant, books []Book) ([]Book, error) {
	out := books[:0]
	for _, b := range books {
		ok, err := s.open(t, &b)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, b)
		}
	}
	return out, nil
}

// Reseal re-encrypts the tenant's books and capital assistance under next during a key rotation
// (the registry calls it inside the rotation's transaction). Books whose
// key is already gone stay unreadable.
func (s *Service) Reseal(t *db.Tenant, next registry.Key) (int, error) {
	var rows []Book
	if err := t.DB().Where("tenant_id = ? AND key_version <> ?", t.ID, next.Version).Find(&rows).Error; err != nil {
		return 0, err
	}
	n := 0
	for i := range rows {
		b := &rows[i]
		ok, err := s.open(t, b)
		if err != nil {
			return n, err
		}
		if !ok {
			continue
		}
		seal(b, next)
		if err := t.DB().Model(&Book{}).Where("tenant_id = ? AND enterprise_id = ? AND period = ?", t.ID, b.EnterpriseID, b.Period).
			Updates(map[string]any{"figures_sealed": b.FiguresSealed, "key_version": b.KeyVersion}).Error; err != nil {
			return n, err
		}
		n++
	}
	m, err := s.resealCapital(t, next)
	return n + m, err
}
