package registry

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"time"

	"gorm.io/gorm/clause"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/sealed"
)

// ErrKeyDestroyed means a record was sealed under a tenant key that has been
// destroyed: its personal fields can never be read again.
var ErrKeyDestroyed = errors.New("registry: tenant data key destroyed")

// KeyCacheTTL bounds how long an unwrapped key stays in memory. It is also
// how long another replica may keep using a key this one rotated or
// destroyed.
const KeyCacheTTL = 5 * time.Minute

// TenantKey is one row of tenant_keys: a tenant's data key, wrapped by the
// master key. A destroyed key has an empty WrappedKey.
type TenantKey struct {
	TenantID    string `gorm:"primaryKey"`
	Version     int    `gorm:"primaryKey"`
	WrappedKey  []byte
	CreatedAt   time.Time
	DestroyedAt *time.Time
}

// TableName is tenant_keys.
func (TenantKey) TableName() string { return "tenant_keys" }

// Key is an unwrapped tenant data key and its version.
type Key struct {
	Version int
	DK      sealed.DataKey
}

type keyID struct {
	tenant  string
	version int
}

type cachedKey struct {
	key      sealed.DataKey
	loadedAt time.Time
}

type cachedCurrent struct {
	version  int
	loadedAt time.Time
}

// Keyring hands out per-tenant data keys: it creates a tenant's first key
// lazily on its first personal write, unwraps keys with the master key and
// keeps them in memory for KeyCacheTTL.
type Keyring struct {
	master *sealed.Master
	now    func() time.Time

	mu      sync.Mutex
	keys    map[keyID]cachedKey
	current map[string]cachedCurrent
}

// NewKeyring returns a Keyring whose keys are wrapped by master.
func NewKeyring(master *sealed.Master, now func() time.Time) *Keyring {
	return &Keyring{master: master, now: now, keys: map[keyID]cachedKey{}, current: map[string]cachedCurrent{}}
}

// wrapAAD binds a wrapped key to its tenant and version, so a wrapped key
// copied to another tenant or version does not unwrap.
func wrapAAD(tenantID string, version int) []byte {
	return []byte(tenantID + ":" + strconv.Itoa(version))
}

// Current returns the tenant's newest live key, creating the first one if
// the tenant has none. It runs its own transaction, so a key is created and
// committed before any record uses it.
func (k *Keyring) Current(ctx context.Context, scope db.Scope) (Key, error) {
	tenantID := scope.TenantID()
	if key, ok := k.cachedCurrent(tenantID); ok {
		return key, nil
	}
	var out Key
	err := scope.Write(ctx, func(t *db.Tenant) error {
		if err := lockKeyring(t); err != nil {
			return err
		}
		var row TenantKey
		err := t.DB().Where("tenant_id = ? AND destroyed_at IS NULL", tenantID).
			Order("version DESC").Limit(1).Take(&row).Error
		if db.IsNotFound(err) {
			row, err = k.create(t)
		}
		if err != nil {
			return err
		}
		dk, err := k.master.Unwrap(row.WrappedKey, wrapAAD(tenantID, row.Version))
		if err != nil {
			return err
		}
		out = Key{Version: row.Version, DK: dk}
		return nil
	})
	if err != nil {
		return Key{}, err
	}
	k.remember(tenantID, out, true)
	return out, nil
}

// lockKeyring serialises key creation, rotation and destruction of one
// tenant for the rest of the transaction. Two keys live at once would give
// one NIK two blind indexes and let it be registered twice. SQLite needs no
// lock: its write transactions already run one at a time.
func lockKeyring(t *db.Tenant) error {
	if t.DB().Dialector.Name() != "postgres" {
		return nil
	}
	return t.DB().Exec("SELECT pg_advisory_xact_lock(hashtext(?))", "tenant_keys:"+t.ID).Error
}

// create inserts the next key version for the tenant. A concurrent creator
// may win the race; then its key is read back instead.
func (k *Keyring) create(t *db.Tenant) (TenantKey, error) {
	var maxVersion int
	if err := t.DB().Model(&TenantKey{}).Where("tenant_id = ?", t.ID).
		Select("COALESCE(MAX(version), 0)").Scan(&maxVersion).Error; err != nil {
		return TenantKey{}, err
	}
	version := maxVersion + 1
	_, wrapped, err := k.master.NewDataKey(wrapAAD(t.ID, version))
	if err != nil {
		return TenantKey{}, err
	}
	row := TenantKey{TenantID: t.ID, Version: version, WrappedKey: wrapped, CreatedAt: k.now()}
	if err := t.DB().Clauses(clause.OnConflict{DoNothing: true}).Create(&row).Error; err != nil {
		return TenantKey{}, err
	}
	var stored TenantKey
	err = t.DB().Where("tenant_id = ? AND version = ?", t.ID, version).Take(&stored).Error
	return stored, err
}

// Version returns the tenant's key of a given version for reading records,
// or ErrKeyDestroyed. Version 0 means "sealed nothing" and is also
// ErrKeyDestroyed, since there is nothing to open.
func (k *Keyring) Version(t *db.Tenant, version int) (sealed.DataKey, error) {
	if version <= 0 {
		return sealed.DataKey{}, ErrKeyDestroyed
	}
	if dk, ok := k.cached(t.ID, version); ok {
		return dk, nil
	}
	var row TenantKey
	err := t.DB().Where("tenant_id = ? AND version = ?", t.ID, version).Take(&row).Error
	if db.IsNotFound(err) {
		return sealed.DataKey{}, ErrKeyDestroyed
	}
	if err != nil {
		return sealed.DataKey{}, err
	}
	if row.DestroyedAt != nil || len(row.WrappedKey) == 0 {
		return sealed.DataKey{}, ErrKeyDestroyed
	}
	dk, err := k.master.Unwrap(row.WrappedKey, wrapAAD(t.ID, version))
	if err != nil {
		return sealed.DataKey{}, err
	}
	k.remember(t.ID, Key{Version: version, DK: dk}, false)
	return dk, nil
}

// Forget drops every cached key of the tenant (after a rotation or destroy).
func (k *Keyring) Forget(tenantID string) {
	k.mu.Lock()
	defer k.mu.Unlock()
	delete(k.current, tenantID)
	for id := range k.keys {
		if id.tenant == tenantID {
			delete(k.keys, id)
		}
	}
}

func (k *Keyring) cachedCurrent(tenantID string) (Key, bool) {
	k.mu.Lock()
	c, ok := k.current[tenantID]
	k.mu.Unlock()
	if !ok || k.now().Sub(c.loadedAt) > KeyCacheTTL {
		return Key{}, false
	}
	dk, ok := k.cached(tenantID, c.version)
	return Key{Version: c.version, DK: dk}, ok
}

func (k *Keyring) cached(tenantID string, version int) (sealed.DataKey, bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	c, ok := k.keys[keyID{tenantID, version}]
	if !ok || k.now().Sub(c.loadedAt) > KeyCacheTTL {
		return sealed.DataKey{}, false
	}
	return c.key, true
}

func (k *Keyring) remember(tenantID string, key Key, current bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	now := k.now()
	k.keys[keyID{tenantID, key.Version}] = cachedKey{key: key.DK, loadedAt: now}
	if current {
		k.current[tenantID] = cachedCurrent{version: key.Version, loadedAt: now}
	}
}
