package registry

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm/clause"

	"github.com/peduli/peduli/internal/platform/clock"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
)

// Entity names used in the audit log.
const (
	EntityBeneficiary = "beneficiary"
	EntityAssessment  = "assessment"
	EntityTenantKey   = "tenant_key"
)

// Audit actions of the registry, besides audit.Create/Update/Delete/ReadPersonal.
const (
	ActionConsent = "consent"
	ActionExport  = "export"
	ActionErase   = "erase"
	ActionRotate  = "rotate"
	ActionDestroy = "destroy"
)

// Wages tells the minimum wage of a region in a year (tenancy.Store does).
type Wages interface {
	MinimumWage(ctx context.Context, regionCode string, year int) (int64, error)
}

// Service is the beneficiary registry: its methods take the tenant's scope
// and the acting user, and return views for the API and the pages.
type Service struct {
	Keys  *Keyring
	Wages Wages
	Now   func() time.Time
	// Resealers re-encrypt other features' values sealed with the tenant's
	// key when it rotates, so destroying the old key loses none of them.
	Resealers []Resealer
	// Erasers destroy other features' personal values about a woman when
	// she is erased, inside the erasure's transaction.
	Erasers []Eraser
	// Members lists a program's current members for the list's program
	// filter.
	Members Members
}

// today is the group's current day (see clock), at midnight UTC so it
// compares with parsed dates.
func (s *Service) today() time.Time { return clock.Today(s.Now(), clock.Zone).Time() }

// load returns the beneficiary id of the tenant unless it is deleted.
func load(t *db.Tenant, id string) (*Beneficiary, error) { return loadRow(t, id, false) }

// loadForUpdate is load holding the row (on PostgreSQL) until the
// transaction ends, so two concurrent changes cannot overwrite each other.
func loadForUpdate(t *db.Tenant, id string) (*Beneficiary, error) { return loadRow(t, id, true) }

func loadRow(t *db.Tenant, id string, lock bool) (*Beneficiary, error) {
	if !db.ValidID(id) {
		return nil, errNotFound
	}
	q := t.DB()
	if lock && q.Dialector.Name() == "postgres" {
		q = q.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	var b Beneficiary
	err := q.Where("tenant_id = ? AND id = ? AND deleted_at IS NULL", t.ID, id).Take(&b).Error
	if db.IsNotFound(err) {
		return nil, errNotFound
	}
	if err != nil {
		return nil, err
	}
	return &b, nil
}

// lockLive holds the sealing key, then beneficiary id's row, for a change
// sealed with key version: the key first, as a rotation takes them, so the
// two never wait for each other in a circle. An erased beneficiary is
// refused.
func lockLive(t *db.Tenant, version int, id string) (*Beneficiary, error) {
	if err := keyLive(t, version); err != nil {
		return nil, err
	}
	b, err := loadForUpdate(t, id)
	if err != nil {
		return nil, err
	}
	if b.ErasedAt != nil {
		return nil, errErased
	}
	return b, nil
}

// readFor runs a read-only transaction, or a writing one when the read is
// of personal data and so writes its audit event.
func readFor(scope db.Scope, personal bool) func(context.Context, func(*db.Tenant) error) error {
	if personal {
		return scope.Write
	}
	return scope.Read
}

// keyLive checks, inside a write, that the key about to seal is still
// live; on PostgreSQL it also holds the key row so a concurrent rotation
// waits for this write and then re-encrypts it too.
func keyLive(t *db.Tenant, version int) error {
	q := t.DB().Model(&TenantKey{}).Where("tenant_id = ? AND version = ? AND destroyed_at IS NULL", t.ID, version)
	if t.DB().Dialector.Name() == "postgres" {
		q = q.Clauses(clause.Locking{Strength: "SHARE"})
	}
	var versions []int
	if err := q.Pluck("version", &versions).Error; err != nil {
		return err
	}
	if len(versions) == 0 {
		return errKeyChanged
	}
	return nil
}

var (
	errNotFound   = errs.ErrNotFound
	errKeyChanged = errors.New("registry: tenant key changed during the write")
	errNIKTaken   = errs.Conflict("nik_taken", "a beneficiary with this NIK is already registered in this group")
	errErased     = errs.Conflict("erased", "this beneficiary's personal data was erased")
	errUnreadable = errs.Conflict("personal_data_unavailable", "this beneficiary's personal data can no longer be read")
)
