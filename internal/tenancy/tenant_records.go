package tenancy

import (
	"context"
	"fmt"
	"time"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
)

// The tenants table is tenancy's: these are what other features ask of it,
// so none of them names the table itself.

// LockGroupForTeamChange takes t's group lock for a change of its team, in
// t's transaction: on PostgreSQL the group's row is locked FOR NO KEY
// UPDATE, which waits for another team change on any replica but not for
// writes that only reference the group; on SQLite every write transaction
// already holds the database's single write lock.
func LockGroupForTeamChange(t *db.Tenant) error {
	if t.DB().Dialector.Name() != "postgres" {
		return nil
	}
	var id string
	if err := t.DB().Raw("SELECT id FROM tenants WHERE id = ? FOR NO KEY UPDATE", t.ID).Scan(&id).Error; err != nil {
		return fmt.Errorf("tenancy: lock group for team change: %w", err)
	}
	return nil
}

// TenantByID returns the tenant with id, or ErrNotFound.
func (s *Store) TenantByID(ctx context.Context, id string) (*Tenant, error) {
	var t Tenant
	if err := s.db.Global(ctx).Where("id = ?", id).Take(&t).Error; err != nil {
		if db.IsNotFound(err) {
			return nil, errs.ErrNotFound
		}
		return nil, fmt.Errorf("tenancy: tenant by id: %w", err)
	}
	return &t, nil
}

// TenantIDs returns the id of every tenant, in id order, for work that
// visits each group through its own scope.
func (s *Store) TenantIDs(ctx context.Context) ([]string, error) {
	var ids []string
	if err := s.db.Global(ctx).Model(&Tenant{}).Order("id").Pluck("id", &ids).Error; err != nil {
		return nil, fmt.Errorf("tenancy: tenant ids: %w", err)
	}
	return ids, nil
}

// TenantRef names a tenant by id and slug.
type TenantRef struct{ ID, Slug string }

// TenantRefs returns every tenant's id and slug, in slug order.
func (s *Store) TenantRefs(ctx context.Context) ([]TenantRef, error) {
	var out []TenantRef
	if err := s.db.Global(ctx).Model(&Tenant{}).Select("id, slug").Order("slug").Scan(&out).Error; err != nil {
		return nil, fmt.Errorf("tenancy: tenant slugs: %w", err)
	}
	return out, nil
}

// VerificationRecord is what the tenants row holds of a group's review:
// whether it is verified and the latest decision's state, note and time.
type VerificationRecord struct {
	Verified              bool
	VerificationStatus    string
	VerificationNote      string
	VerificationDecidedAt *time.Time
}

// VerificationOf reads t's verification record inside t's transaction.
func VerificationOf(t *db.Tenant) (VerificationRecord, error) {
	var r VerificationRecord
	err := t.DB().Model(&Tenant{}).Select("verified, verification_status, verification_note, verification_decided_at").
		Where("id = ?", t.ID).Take(&r).Error
	if db.IsNotFound(err) {
		return r, errs.ErrNotFound
	}
	if err != nil {
		return r, fmt.Errorf("tenancy: verification of a group: %w", err)
	}
	return r, nil
}

// RecordVerification stores a coordinator's decision on t's group inside
// t's transaction: whether it is verified, the decision's state and note.
func RecordVerification(t *db.Tenant, verified bool, status, note string, at time.Time) error {
	err := t.DB().Model(&Tenant{}).Where("id = ?", t.ID).Updates(map[string]any{
		"verified": verified, "verification_status": status, "verification_note": note,
		"verification_decided_at": at, "updated_at": at,
	}).Error
	if err != nil {
		return fmt.Errorf("tenancy: record verification: %w", err)
	}
	return nil
}

// ReopenVerification clears the state of t's unverified group when it is
// from (a request for changes), putting it back among the groups awaiting
// review; it reports whether the group was in that state.
func ReopenVerification(t *db.Tenant, from string, now time.Time) (bool, error) {
	res := t.DB().Model(&Tenant{}).Where("id = ? AND verified = ? AND verification_status = ?", t.ID, false, from).
		Updates(map[string]any{"verification_status": "", "updated_at": now})
	if res.Error != nil {
		return false, fmt.Errorf("tenancy: reopen verification: %w", res.Error)
	}
	return res.RowsAffected > 0, nil
}

// GroupChange is a platform admin's change to a group's record: a new
// region node with its place names, or a new status. Nil fields stay.
type GroupChange struct {
	RegionCode                           *string
	Village, District, Regency, Province string
	Status                               *string
}

// ChangeGroup writes ch to t's group inside t's transaction.
func ChangeGroup(t *db.Tenant, ch GroupChange, now time.Time) error {
	updates := map[string]any{"updated_at": now}
	if ch.RegionCode != nil {
		updates["region_code"] = *ch.RegionCode
		updates["village"], updates["district"] = ch.Village, ch.District
		updates["regency"], updates["province"] = ch.Regency, ch.Province
	}
	if ch.Status != nil {
		updates["status"] = *ch.Status
	}
	if err := t.DB().Model(&Tenant{}).Where("id = ?", t.ID).Updates(updates).Error; err != nil {
		return fmt.Errorf("tenancy: change group: %w", err)
	}
	return nil
}
