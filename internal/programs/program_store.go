package programs

import (
	"errors"
	"fmt"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/registry"
)

// Programs returns the tenant's programs, active first, newest start first.
func (s *Store) Programs(t *db.Tenant) ([]Program, error) {
	var out []Program
	err := t.DB().Where("tenant_id = ?", t.ID).Order("status, starts_on DESC, id").Find(&out).Error
	return out, err
}

// Program returns one program of the tenant.
func (s *Store) Program(t *db.Tenant, id string) (*Program, error) {
	var p Program
	err := t.DB().Where("tenant_id = ? AND id = ?", t.ID, id).Take(&p).Error
	if db.IsNotFound(err) {
		return nil, errs.ErrNotFound
	}
	return &p, err
}

// membership is how many people a program has and from how many households.
type membership struct {
	ProgramID  string
	Members    int
	Households int
}

// Memberships counts the enrolled people and distinct households of the
// tenant's programs, keyed by program id. A household is a family card (KK)
// number's blind index; someone without one counts as her own household.
// Deleted beneficiaries and withdrawn members no longer count.
// With programIDs it counts only those programs.
func (s *Store) Memberships(t *db.Tenant, programIDs ...string) (map[string]membership, error) {
	var rows []membership
	q := t.DB().Table("program_enrollments AS e").
		Select("e.program_id AS program_id, COUNT(*) AS members, COUNT(DISTINCT COALESCE(b.kk_index, CAST(b.id AS TEXT))) AS households").
		Joins("JOIN (?) b ON b.tenant_id = e.tenant_id AND b.id = e.beneficiary_id", registry.ActiveRows(t)).
		Where("e.tenant_id = ? AND e.withdrawn_on IS NULL", t.ID)
	if len(programIDs) > 0 {
		q = q.Where("e.program_id IN ?", programIDs)
	}
	err := q.Group("e.program_id").Scan(&rows).Error
	out := make(map[string]membership, len(rows))
	for _, r := range rows {
		out[r.ProgramID] = r
	}
	return out, err
}

// HasProgram reports whether id is one of the tenant's programs: how other
// features (money earmarks) check a program without reading its table.
func (s *Service) HasProgram(t *db.Tenant, id string) (bool, error) {
	_, err := s.Store.Program(t, id)
	if errors.Is(err, errs.ErrNotFound) {
		return false, nil
	}
	return err == nil, err
}

// ProgramNames maps the tenant's program ids to their names, for features
// that show which program money was earmarked for.
func (s *Service) ProgramNames(t *db.Tenant) (map[string]string, error) {
	rows, err := s.Store.Programs(t)
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(rows))
	for _, p := range rows {
		out[p.ID] = p.Name
	}
	return out, nil
}

// ProgramSummary is a program as other features list it: its id, name and
// category.
type ProgramSummary struct {
	ID       string
	Name     string
	Category string
}

// ActivePrograms lists the tenant's active programs by name, for features
// that show them (the group's public page).
func (s *Service) ActivePrograms(t *db.Tenant) ([]ProgramSummary, error) {
	var out []ProgramSummary
	err := t.DB().Model(&Program{}).Select("id, name, category").
		Where("tenant_id = ? AND status = ?", t.ID, StatusActive).Order("name").Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("programs: active programs: %w", err)
	}
	return out, nil
}
