package programs

import (
	"context"
	"errors"
	"strings"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/platform/httpx"
)

// ProgramInput is the body of POST …/programs. With template_key the
// program copies that template (its latest version, or template_version);
// without it the program is made from scratch from name, activities and
// indicators.
type ProgramInput struct {
	TemplateKey       string         `json:"template_key" validate:"max=60"`
	TemplateVersion   int            `json:"template_version" validate:"min=0,max=100000"`
	Name              string         `json:"name" validate:"max=200"`
	Description       string         `json:"description" validate:"max=4000"`
	StartsOn          string         `json:"starts_on" validate:"required"`
	EndsOn            string         `json:"ends_on"`
	Category          string         `json:"category" validate:"omitempty,oneof=uep kube savings food training"`
	KUBE              bool           `json:"kube"`
	GraduationPeriods int            `json:"graduation_periods"`
	Activities        []ActivityKind `json:"activities"`
	Indicators        []Indicator    `json:"indicators"`
}

// CreateProgram starts a program, from a template version or from scratch.
// An unknown template is a 422 on template_key: the body names something
// that does not exist, the URL is fine.
func (s *Service) CreateProgram(ctx context.Context, scope db.Scope, actor audit.Actor, in ProgramInput) (*ProgramView, error) {
	now := s.Now()
	p := &Program{TenantID: scope.TenantID(), ID: db.NewID(), Status: StatusActive, CreatedAt: now, UpdatedAt: now}
	if actor.UserID != "" {
		p.CreatedBy = &actor.UserID
	}
	if err := s.checkProgram(ctx, p, in); err != nil {
		return nil, err
	}
	var out *ProgramView
	err := scope.Write(ctx, func(t *db.Tenant) error {
		if err := t.DB().Create(p).Error; err != nil {
			return err
		}
		if err := audit.Record(t, actor, audit.Create, "program", p.ID, "name", "template", "starts_on"); err != nil {
			return err
		}
		view := p.view(membership{})
		out = &view
		return nil
	})
	return out, err
}

// fromTemplate copies the template version into p: a snapshot that later
// versions of the template never change.
func (s *Service) fromTemplate(ctx context.Context, v *errs.ValidationError, p *Program, in ProgramInput) error {
	if len(in.Activities) > 0 || len(in.Indicators) > 0 {
		v.Add("template_key", "exclusive", "a program from a template takes its activities and indicators from it")
	}
	var tpl *Template
	var err error
	if in.TemplateVersion > 0 {
		tpl, err = s.Store.TemplateVersion(ctx, in.TemplateKey, in.TemplateVersion)
	} else {
		tpl, err = s.Store.LatestTemplate(ctx, in.TemplateKey)
	}
	if errors.Is(err, errs.ErrNotFound) {
		v.Add("template_key", "exists", "no such program template (or version)")
		return nil
	}
	if err != nil {
		return err
	}
	copyTemplate(p, tpl, in.Name, in.Description)
	return nil
}

// copyTemplate makes p a snapshot of the template version; an empty name
// or description takes the template's.
func copyTemplate(p *Program, tpl *Template, name, description string) {
	p.TemplateKey, p.TemplateVersion = &tpl.Key, &tpl.Version
	p.Name = strings.TrimSpace(name)
	if p.Name == "" {
		p.Name = tpl.Name
	}
	p.Description = strings.TrimSpace(description)
	if p.Description == "" {
		p.Description = tpl.Description
	}
	p.Category, p.KUBE, p.GraduationPeriods = tpl.Category, tpl.KUBE, tpl.GraduationPeriods
	p.Activities, p.Indicators = tpl.Activities, tpl.Indicators
}

// fromScratch fills p from the body's own lists.
func fromScratch(v *errs.ValidationError, p *Program, in ProgramInput) {
	p.Name = strings.TrimSpace(in.Name)
	if p.Name == "" {
		v.Add("name", "required", "is required for a program without a template")
	}
	if in.TemplateVersion > 0 {
		v.Add("template_version", "template_key", "needs template_key")
	}
	p.Description = strings.TrimSpace(in.Description)
	p.Category, p.KUBE, p.GraduationPeriods = in.Category, in.KUBE, in.GraduationPeriods
	itemRules{}.check(v, in.Activities, in.Indicators, in.GraduationPeriods)
	p.Activities, p.Indicators = encodeList(in.Activities), encodeList(in.Indicators)
}

// checkSpan parses a program's start and optional end date.
func checkSpan(v *errs.ValidationError, starts, ends string) (db.Date, *db.Date) {
	start, ok := db.ParseDate(starts)
	if !ok {
		v.Add("starts_on", "date", "must be a date in the form YYYY-MM-DD")
	}
	if ends == "" {
		return start, nil
	}
	end, ok := db.ParseDate(ends)
	switch {
	case !ok:
		v.Add("ends_on", "date", "must be a date in the form YYYY-MM-DD")
		return start, nil
	case start != "" && end < start:
		v.Add("ends_on", "after", "must not be before starts_on")
	}
	return start, &end
}

// CheckProgram validates in as CreateProgram would, writing nothing (for a
// page that could not read one of its fields).
func (s *Service) CheckProgram(ctx context.Context, in ProgramInput) error {
	return s.checkProgram(ctx, &Program{}, in)
}

// checkProgram validates in, every invalid field in one answer (the tag
// rules' message first when a field breaks both), and fills p's dates and
// its template or its own activities and indicators.
func (s *Service) checkProgram(ctx context.Context, p *Program, in ProgramInput) error {
	tags := &errs.ValidationError{}
	if err := tags.Also(httpx.Validate(in)); err != nil {
		return err
	}
	v := &errs.ValidationError{}
	p.StartsOn, p.EndsOn = checkSpan(v, in.StartsOn, in.EndsOn)
	if in.TemplateKey != "" {
		if err := s.fromTemplate(ctx, v, p, in); err != nil {
			return err
		}
	} else {
		fromScratch(v, p, in)
	}
	if err := tags.Also(v.Err()); err != nil {
		return err
	}
	return tags.Err()
}
