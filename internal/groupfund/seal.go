package groupfund

import (
	"errors"
	"strconv"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/sealed"
	"github.com/peduli/peduli/internal/registry"
)

// sealAmount seals an amount under key, bound to aad (table, column, row).
func sealAmount(key registry.Key, amount int64, aad string) string {
	return sealed.SealString(key.DK, strconv.FormatInt(amount, 10), aad)
}

// openAmount opens a sealed amount. ok is false when it can no longer be
// read (its key was destroyed, or it was erased); callers leave it out.
func (s *Service) openAmount(t *db.Tenant, sealedAmount string, version int, aad string) (v int64, ok bool, err error) {
	if sealedAmount == "" {
		return 0, false, nil
	}
	dk, err := s.Keys.Version(t, version)
	if errors.Is(err, registry.ErrKeyDestroyed) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, err
	}
	str, err := sealed.OpenString(dk, sealedAmount, aad)
	if errors.Is(err, sealed.ErrDecrypt) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, err
	}
	if v, err = strconv.ParseInt(str, 10, 64); err != nil {
		return 0, false, nil
	}
	return v, true, nil
}
