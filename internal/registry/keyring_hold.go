package registry

import (
	"context"
	"errors"

	"github.com/peduli/peduli/internal/platform/db"
)

// ErrKeyChanged means the key a write was about to seal with was rotated
// away meanwhile; the write should run again with the current key.
var ErrKeyChanged = errKeyChanged

// Hold checks, inside a write of another feature that seals with the
// tenant's key (programs' income outcomes), that the key version is still
// live; on PostgreSQL it holds the key row so a rotation waits for the
// write and then re-encrypts it too.
func (k *Keyring) Hold(t *db.Tenant, version int) error { return keyLive(t, version) }

// Resealer re-encrypts another feature's sealed values under the next key
// inside a rotation's transaction, returning how many it re-encrypted.
type Resealer interface {
	Reseal(t *db.Tenant, next Key) (int, error)
}

// WithCurrent runs a sealing write with the tenant's current key, once more
// with a fresh key if a rotation replaced the cached one meanwhile. The
// write calls Hold inside its transaction, which fails with ErrKeyChanged
// when the key it sealed with is no longer live.
func (k *Keyring) WithCurrent(ctx context.Context, scope db.Scope, write func(Key) error) error {
	key, err := k.Current(ctx, scope)
	if err != nil {
		return err
	}
	err = write(key)
	if errors.Is(err, errKeyChanged) {
		k.Forget(scope.TenantID())
		if key, err = k.Current(ctx, scope); err != nil {
			return err
		}
		err = write(key)
	}
	return err
}
