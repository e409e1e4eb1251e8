package registry

import (
	"context"
	"errors"
	"strings"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
)

// MaxExport bounds one list export; a group with more filters first.
const MaxExport = 5000

// ExportList returns every beneficiary the query selects (its search and
// filters; no paging) with her personal fields in clear, for a list
// export. Each record read in clear is written to the audit log as a
// personal read, in the same transaction. Callers need personal:read.
func (s *Service) ExportList(ctx context.Context, scope db.Scope, actor audit.Actor, q ListQuery) ([]View, error) {
	q.Cursor, q.Limit = "", 0
	if err := checkListQuery(&q); err != nil {
		return nil, err
	}
	var members []string
	if q.Program != "" {
		if s.Members == nil {
			return nil, errs.Invalid("program", "program", "programs are not available")
		}
		var err error
		if members, err = s.Members.MemberIDs(ctx, scope, q.Program); errors.Is(err, errs.ErrNotFound) {
			return nil, errs.Invalid("program", "program", "is not a program of this group")
		} else if err != nil {
			return nil, err
		}
	}
	out := []View{}
	err := scope.Write(ctx, func(t *db.Tenant) error {
		query := t.DB().Where("tenant_id = ? AND deleted_at IS NULL", t.ID)
		if q.Q != "" {
			query = query.Where("LOWER(name) LIKE ? ESCAPE '\\'", "%"+escapeLike(strings.ToLower(q.Q))+"%")
		}
		var rows []Beneficiary
		if err := filtered(query, q, members).Order("name, id").Limit(MaxExport + 1).Find(&rows).Error; err != nil {
			return err
		}
		if len(rows) > MaxExport {
			return errs.Invalid("limit", "range", "more than 5000 people: filter the list first")
		}
		for i := range rows {
			v, err := s.view(t, &rows[i], true)
			if err != nil {
				return err
			}
			if v.PersonalData == PersonalFull {
				if err := audit.Record(t, actor, audit.ReadPersonal, EntityBeneficiary, rows[i].ID, "export"); err != nil {
					return err
				}
			}
			out = append(out, v)
		}
		return nil
	})
	return out, err
}
