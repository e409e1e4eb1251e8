package programs

import (
	"context"

	"gorm.io/gorm"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
)

// Store reads and writes the catalog (global) and programs (tenant tables).
type Store struct{ db *db.DB }

// NewStore returns a Store on d.
func NewStore(d *db.DB) *Store { return &Store{db: d} }

// Templates returns the catalog ordered by key and version: every version
// when all is set, else only the latest version of each key.
func (s *Store) Templates(ctx context.Context, all bool) ([]Template, error) {
	var out []Template
	q := s.db.Global(ctx).Order("key, version")
	if !all {
		q = q.Where("version = (SELECT MAX(t2.version) FROM program_templates t2 WHERE t2.key = program_templates.key)")
	}
	return out, q.Find(&out).Error
}

// LatestTemplate returns the highest version of the template key.
func (s *Store) LatestTemplate(ctx context.Context, key string) (*Template, error) {
	return latestTemplate(s.db.Global(ctx), key)
}

// TemplateVersion returns one version of a template.
func (s *Store) TemplateVersion(ctx context.Context, key string, version int) (*Template, error) {
	var t Template
	err := s.db.Global(ctx).Where("key = ? AND version = ?", key, version).Take(&t).Error
	if db.IsNotFound(err) {
		return nil, errs.ErrNotFound
	}
	return &t, err
}

func latestTemplate(tx *gorm.DB, key string) (*Template, error) {
	var t Template
	err := tx.Where("key = ?", key).Order("version DESC").Take(&t).Error
	if db.IsNotFound(err) {
		return nil, errs.ErrNotFound
	}
	return &t, err
}
