package programs

import (
	"context"
	"strings"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/platform/httpx"
)

// ActivityPatch is the body of PATCH …/activities/{id}: absent fields stay.
type ActivityPatch struct {
	Title  *string `json:"title" validate:"omitempty,max=200"`
	Kind   *string `json:"kind" validate:"omitempty,max=40"`
	HeldOn *string `json:"held_on"`
	Notes  *string `json:"notes" validate:"omitempty,max=4000"`
}

// UpdateActivity corrects an activity's title, kind, day or notes; its
// attendance stays as marked.
func (s *Service) UpdateActivity(ctx context.Context, scope db.Scope, actor audit.Actor, id string, in ActivityPatch) (*ActivityView, error) {
	tags := &errs.ValidationError{}
	if err := tags.Also(httpx.Validate(in)); err != nil {
		return nil, err
	}
	if !db.ValidID(id) {
		return nil, errs.ErrNotFound
	}
	var out *ActivityView
	err := scope.Write(ctx, func(t *db.Tenant) error {
		a, err := s.Store.Activity(t, id)
		if err != nil {
			return err
		}
		p, err := s.Store.Program(t, a.ProgramID)
		if err != nil {
			return err
		}
		changes, fields := map[string]any{}, []string{}
		v := &errs.ValidationError{}
		if in.Title != nil {
			if title := strings.TrimSpace(*in.Title); title == "" {
				v.Add("title", "required", "is required")
			} else if title != a.Title {
				changes["title"], fields = title, append(fields, "title")
			}
		}
		if in.Kind != nil && *in.Kind != a.Kind {
			if !p.hasKind(*in.Kind) {
				v.Add("kind", "oneof", "must be one of the program's activity keys or other")
			}
			changes["kind"], fields = *in.Kind, append(fields, "kind")
		}
		if in.HeldOn != nil {
			if d, ok := db.ParseDate(*in.HeldOn); !ok {
				v.Add("held_on", "date", "must be a date in the form YYYY-MM-DD")
			} else if d != a.HeldOn {
				changes["held_on"], fields = d, append(fields, "held_on")
			}
		}
		if in.Notes != nil && strings.TrimSpace(*in.Notes) != a.Notes {
			changes["notes"], fields = strings.TrimSpace(*in.Notes), append(fields, "notes")
		}
		if err := tags.Also(v.Err()); err != nil {
			return err
		}
		if err := tags.Err(); err != nil {
			return err // every invalid field, tag rules and the program's own
		}
		if len(fields) > 0 {
			if err := t.DB().Model(&Activity{}).Where("tenant_id = ? AND id = ?", t.ID, id).Updates(changes).Error; err != nil {
				return err
			}
			if err := audit.Record(t, actor, audit.Update, "activity", id, fields...); err != nil {
				return err
			}
		}
		out, err = s.activityView(t, id)
		return err
	})
	return out, err
}

// DeleteActivity removes an activity recorded by mistake. Only one nobody
// has been marked present at may go: attendance is the program's record,
// so an activity with attendance is a 409 (unmark everyone first).
func (s *Service) DeleteActivity(ctx context.Context, scope db.Scope, actor audit.Actor, id string) (programID string, err error) {
	if !db.ValidID(id) {
		return "", errs.ErrNotFound
	}
	err = scope.Write(ctx, func(t *db.Tenant) error {
		a, err := s.Store.Activity(t, id)
		if err != nil {
			return err
		}
		present, err := s.Store.Present(t, id)
		if err != nil {
			return err
		}
		if len(present) > 0 || a.ErasedPresent > 0 {
			return errs.Conflict("activity_has_attendance", "people were marked present at this activity; unmark them before deleting it")
		}
		if err := t.DB().Where("tenant_id = ? AND id = ?", t.ID, id).Delete(&Activity{}).Error; err != nil {
			return err
		}
		programID = a.ProgramID
		return audit.Record(t, actor, audit.Delete, "activity", id)
	})
	return programID, err
}
