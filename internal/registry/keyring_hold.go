package registry

import "github.com/peduli/peduli/internal/platform/db"

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
