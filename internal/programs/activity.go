package programs

import (
	"context"
	"strings"
	"time"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/platform/httpx"
)

// ActivityInput is the body of POST …/programs/{id}/activities.
type ActivityInput struct {
	Title  string `json:"title" validate:"required,max=200"`
	Kind   string `json:"kind" validate:"required,max=40"`
	HeldOn string `json:"held_on" validate:"required"`
	Notes  string `json:"notes" validate:"max=4000"`
}

// ActivityView is an activity with how many were present: counts, no names.
type ActivityView struct {
	ID           string    `json:"id"`
	ProgramID    string    `json:"program_id"`
	Title        string    `json:"title"`
	Kind         string    `json:"kind"`
	HeldOn       db.Date   `json:"held_on"`
	Notes        string    `json:"notes"`
	PresentCount int       `json:"present_count"`
	CreatedAt    time.Time `json:"created_at"`
}

func (a *Activity) view(present int) ActivityView {
	return ActivityView{ID: a.ID, ProgramID: a.ProgramID, Title: a.Title, Kind: a.Kind, HeldOn: a.HeldOn,
		Notes: a.Notes, PresentCount: present + a.ErasedPresent, CreatedAt: a.CreatedAt}
}

// RecordActivity records a held activity. Its kind is one of the program's
// activity keys or "other".
func (s *Service) RecordActivity(ctx context.Context, scope db.Scope, actor audit.Actor, programID string, in ActivityInput) (*ActivityView, error) {
	tags := &errs.ValidationError{}
	if err := tags.Also(httpx.Validate(in)); err != nil {
		return nil, err
	}
	if !db.ValidID(programID) {
		return nil, errs.ErrNotFound
	}
	a := &Activity{TenantID: scope.TenantID(), ID: db.NewID(), ProgramID: programID, Title: strings.TrimSpace(in.Title),
		Kind: in.Kind, Notes: strings.TrimSpace(in.Notes), CreatedAt: s.Now()}
	if actor.UserID != "" {
		a.CreatedBy = &actor.UserID
	}
	var out *ActivityView
	err := scope.Write(ctx, func(t *db.Tenant) error {
		p, err := s.Store.Program(t, programID)
		if err != nil {
			return err
		}
		if p.Status == "closed" {
			return errs.Conflict("program_closed", "this program is closed")
		}
		v := &errs.ValidationError{}
		if a.Title == "" {
			v.Add("title", "required", "is required")
		}
		if !p.hasKind(in.Kind) {
			v.Add("kind", "oneof", "must be one of the program's activity keys or other")
		}
		var ok bool
		if a.HeldOn, ok = db.ParseDate(in.HeldOn); !ok {
			v.Add("held_on", "date", "must be a date in the form YYYY-MM-DD")
		}
		if err := tags.Also(v.Err()); err != nil {
			return err
		}
		if err := tags.Err(); err != nil {
			return err // every invalid field, tag rules and the program's own
		}
		if err := t.DB().Create(a).Error; err != nil {
			return err
		}
		view := a.view(0)
		out = &view
		return audit.Record(t, actor, audit.Create, "activity", a.ID, "title", "kind", "held_on")
	})
	return out, err
}

func (p *Program) hasKind(kind string) bool {
	if kind == KindOther {
		return true
	}
	for _, k := range p.ActivityKinds() {
		if k.Key == kind {
			return true
		}
	}
	return false
}

// Activities lists a program's activities, latest first, with attendance counts.
func (s *Service) Activities(ctx context.Context, scope db.Scope, programID string) ([]ActivityView, error) {
	if !db.ValidID(programID) {
		return nil, errs.ErrNotFound
	}
	var out []ActivityView
	err := scope.Read(ctx, func(t *db.Tenant) error {
		if _, err := s.Store.Program(t, programID); err != nil {
			return err
		}
		rows, err := s.Store.Activities(t, programID)
		if err != nil {
			return err
		}
		ids := make([]string, len(rows))
		for i := range rows {
			ids[i] = rows[i].ID
		}
		counts, err := s.Store.PresentCounts(t, ids)
		if err != nil {
			return err
		}
		out = make([]ActivityView, len(rows))
		for i := range rows {
			out[i] = rows[i].view(counts[rows[i].ID])
		}
		return nil
	})
	return out, err
}

// Activity returns one activity with its attendance count.
func (s *Service) Activity(ctx context.Context, scope db.Scope, id string) (*ActivityView, error) {
	if !db.ValidID(id) {
		return nil, errs.ErrNotFound
	}
	var out *ActivityView
	err := scope.Read(ctx, func(t *db.Tenant) (err error) {
		out, err = s.activityView(t, id)
		return err
	})
	return out, err
}

// activityView reads activity id with its attendance count.
func (s *Service) activityView(t *db.Tenant, id string) (*ActivityView, error) {
	a, err := s.Store.Activity(t, id)
	if err != nil {
		return nil, err
	}
	present, err := s.Store.Present(t, id)
	if err != nil {
		return nil, err
	}
	v := a.view(len(present))
	return &v, nil
}
