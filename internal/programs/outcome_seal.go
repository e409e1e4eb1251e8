package programs

import (
	"context"
	"errors"
	"strconv"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/sealed"
	"github.com/peduli/peduli/internal/registry"
)

// Income outcomes are a woman's monthly enterprise income: personal data
// that the law wants encrypted at rest, like the registry's income field.
// They are sealed with the tenant's data key into value_sealed (value stays
// 0); other indicators (days worked, counts) stay in clear in value.

// outcomeAAD binds a sealed value to its row and field, so a ciphertext
// copied to another row does not open.
func outcomeAAD(id string) string { return "outcomes.value:" + id }

// outcomeKey is the tenant key an outcome write seals with.
type outcomeKey struct {
	keys *registry.Keyring
	key  registry.Key
}

// hold checks inside the write that the key is still live and, on
// PostgreSQL, keeps a rotation waiting until the write ends.
func (k outcomeKey) hold(t *db.Tenant) error { return k.keys.Hold(t, k.key.Version) }

// seal puts o's value into value_sealed under the key.
func (k outcomeKey) seal(o *Outcome) {
	o.ValueSealed = sealed.SealString(k.key.DK, strconv.FormatInt(o.Value, 10), outcomeAAD(o.ID))
	o.KeyVersion, o.Value = k.key.Version, 0
}

// withKey runs a sealing write with the tenant's current key, once more
// with a fresh key if a rotation replaced the cached one meanwhile.
func (s *Service) withKey(ctx context.Context, scope db.Scope, write func(outcomeKey) error) error {
	key, err := s.Keys.Current(ctx, scope)
	if err != nil {
		return err
	}
	err = write(outcomeKey{keys: s.Keys, key: key})
	if errors.Is(err, registry.ErrKeyChanged) {
		s.Keys.Forget(scope.TenantID())
		if key, err = s.Keys.Current(ctx, scope); err != nil {
			return err
		}
		err = write(outcomeKey{keys: s.Keys, key: key})
	}
	return err
}

// OpenValue returns an outcome's value inside its tenant's transaction:
// the clear value when nothing is sealed (rows written before income was
// sealed), else the decrypted one. ok is false when the value can no
// longer be read (its key was destroyed); callers leave such rows out.
func OpenValue(t *db.Tenant, keys *registry.Keyring, id string, value int64, sealedValue string, version int) (v int64, ok bool, err error) {
	if sealedValue == "" {
		return value, true, nil
	}
	dk, err := keys.Version(t, version)
	if errors.Is(err, registry.ErrKeyDestroyed) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, err
	}
	s, err := sealed.OpenString(dk, sealedValue, outcomeAAD(id))
	if errors.Is(err, sealed.ErrDecrypt) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, err
	}
	if v, err = strconv.ParseInt(s, 10, 64); err != nil {
		return 0, false, nil
	}
	return v, true, nil
}

// openOutcomes decrypts the sealed values of rows in place and leaves out
// the rows that can no longer be read.
func (s *Service) openOutcomes(t *db.Tenant, rows []Outcome) ([]Outcome, error) {
	out := rows[:0]
	for _, o := range rows {
		v, ok, err := OpenValue(t, s.Keys, o.ID, o.Value, o.ValueSealed, o.KeyVersion)
		if err != nil {
			return nil, err
		}
		if ok {
			o.Value = v
			out = append(out, o)
		}
	}
	return out, nil
}

// Reseal re-encrypts the tenant's sealed outcome values under next during
// a key rotation (the registry calls it inside the rotation's transaction)
// and returns how many it re-encrypted. Values whose key is already gone
// stay unreadable.
func (s *Service) Reseal(t *db.Tenant, next registry.Key) (int, error) {
	var rows []Outcome
	if err := t.DB().Where("tenant_id = ? AND value_sealed <> '' AND key_version <> ?", t.ID, next.Version).
		Find(&rows).Error; err != nil {
		return 0, err
	}
	k, n := outcomeKey{keys: s.Keys, key: next}, 0
	for i := range rows {
		o := &rows[i]
		v, ok, err := OpenValue(t, s.Keys, o.ID, o.Value, o.ValueSealed, o.KeyVersion)
		if err != nil {
			return n, err
		}
		if !ok {
			continue
		}
		o.Value = v
		k.seal(o)
		if err := t.DB().Model(&Outcome{}).Where("tenant_id = ? AND id = ?", t.ID, o.ID).
			Updates(map[string]any{"value": 0, "value_sealed": o.ValueSealed, "key_version": o.KeyVersion}).Error; err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}
