package programs

import (
	"context"
	"strings"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/platform/httpx"
)

// ProgramPatch is the body of PATCH …/programs/{id}: absent fields stay.
// A template program's activities and indicators never change here; they
// are the snapshot it started from.
type ProgramPatch struct {
	Name        *string `json:"name" validate:"omitempty,min=1,max=200"`
	Description *string `json:"description" validate:"omitempty,max=4000"`
	Status      *string `json:"status" validate:"omitempty,oneof=active closed"`
	EndsOn      *string `json:"ends_on"`
}

// UpdateProgram renames, describes, closes or reopens a program.
func (s *Service) UpdateProgram(ctx context.Context, scope db.Scope, actor audit.Actor, id string, in ProgramPatch) (*ProgramView, error) {
	tags := &errs.ValidationError{}
	if err := tags.Also(httpx.Validate(in)); err != nil {
		return nil, err
	}
	if !db.ValidID(id) {
		return nil, errs.ErrNotFound
	}
	var out *ProgramView
	err := scope.Write(ctx, func(t *db.Tenant) error {
		p, err := s.Store.Program(t, id)
		if err != nil {
			return err
		}
		changes, fields, err := programChanges(p, in)
		if err := tags.Also(err); err != nil {
			return err
		}
		if err := tags.Err(); err != nil {
			return err // every invalid field, tag rules and the program's own
		}
		if len(fields) > 0 {
			changes["updated_at"] = s.Now()
			if err := t.DB().Model(&Program{}).Where("tenant_id = ? AND id = ?", t.ID, id).Updates(changes).Error; err != nil {
				return err
			}
			if err := audit.Record(t, actor, audit.Update, "program", id, fields...); err != nil {
				return err
			}
		}
		out, err = s.programView(t, id)
		return err
	})
	return out, err
}

// programChanges returns the columns to set and the changed field names.
func programChanges(p *Program, in ProgramPatch) (map[string]any, []string, error) {
	changes, fields := map[string]any{}, []string{}
	v := &errs.ValidationError{}
	if in.Name != nil {
		if name := strings.TrimSpace(*in.Name); name == "" {
			v.Add("name", "required", "must not be empty")
		} else if name != p.Name {
			changes["name"], fields = name, append(fields, "name")
		}
	}
	if in.Description != nil && strings.TrimSpace(*in.Description) != p.Description {
		changes["description"], fields = strings.TrimSpace(*in.Description), append(fields, "description")
	}
	if in.Status != nil && *in.Status == "" {
		v.Add("status", "oneof", "must be one of: active, closed")
	} else if in.Status != nil && *in.Status != p.Status {
		changes["status"], fields = *in.Status, append(fields, "status")
	}
	if in.EndsOn != nil {
		var end *db.Date
		if *in.EndsOn != "" {
			_, end = checkSpan(v, string(p.StartsOn), *in.EndsOn)
		}
		changes["ends_on"], fields = end, append(fields, "ends_on")
	}
	return changes, fields, v.Err()
}
