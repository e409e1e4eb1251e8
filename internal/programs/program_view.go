package programs

import (
	"context"
	"fmt"
	"time"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
)

// KUBE membership bounds (Permensos 2/2019): 5 to 20 households.
const (
	KUBEMinHouseholds = 5
	KUBEMaxHouseholds = 20
)

// Warning is advice about a program that does not block the write.
type Warning struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// ProgramView is a program as the API and pages show it. It carries counts
// only, never names, so every role that reads programs may see it.
type ProgramView struct {
	ID                string         `json:"id"`
	Name              string         `json:"name"`
	TemplateKey       *string        `json:"template_key"`
	TemplateVersion   *int           `json:"template_version"`
	Category          string         `json:"category"`
	KUBE              bool           `json:"kube"`
	GraduationPeriods int            `json:"graduation_periods"`
	Description       string         `json:"description"`
	Status            string         `json:"status"`
	StartsOn          db.Date        `json:"starts_on"`
	EndsOn            *db.Date       `json:"ends_on"`
	Activities        []ActivityKind `json:"activities"`
	Indicators        []Indicator    `json:"indicators"`
	EnrollmentCount   int            `json:"enrollment_count"`
	Households        int            `json:"households"`
	Warnings          []Warning      `json:"warnings"`
	CreatedAt         time.Time      `json:"created_at"`
}

func (p *Program) view(m membership) ProgramView {
	return ProgramView{
		ID: p.ID, Name: p.Name, TemplateKey: p.TemplateKey, TemplateVersion: p.TemplateVersion,
		Category: p.Category, KUBE: p.KUBE, GraduationPeriods: p.GraduationPeriods, Description: p.Description,
		Status: p.Status, StartsOn: p.StartsOn, EndsOn: p.EndsOn, Activities: p.ActivityKinds(),
		Indicators: p.IndicatorList(), EnrollmentCount: m.Members, Households: m.Households,
		Warnings: p.warnings(m), CreatedAt: p.CreatedAt,
	}
}

// warnings says when a KUBE's membership is outside 5–20 households.
func (p *Program) warnings(m membership) []Warning {
	out := []Warning{}
	if p.KUBE && (m.Households < KUBEMinHouseholds || m.Households > KUBEMaxHouseholds) {
		out = append(out, Warning{Code: "kube_size", Message: fmt.Sprintf(
			"a KUBE has %d to %d households; this program has %d", KUBEMinHouseholds, KUBEMaxHouseholds, m.Households)})
	}
	return out
}

// Programs lists the tenant's programs with their membership counts.
func (s *Service) Programs(ctx context.Context, scope db.Scope) ([]ProgramView, error) {
	var out []ProgramView
	err := scope.Read(ctx, func(t *db.Tenant) error {
		rows, err := s.Store.Programs(t)
		if err != nil {
			return err
		}
		ms, err := s.Store.Memberships(t)
		if err != nil {
			return err
		}
		out = make([]ProgramView, len(rows))
		for i := range rows {
			out[i] = rows[i].view(ms[rows[i].ID])
		}
		return nil
	})
	return out, err
}

// Program returns one program with its membership counts.
func (s *Service) Program(ctx context.Context, scope db.Scope, id string) (*ProgramView, error) {
	var out ProgramView
	err := scope.Read(ctx, func(t *db.Tenant) error {
		v, err := s.programView(t, id)
		if err == nil {
			out = *v
		}
		return err
	})
	return &out, err
}

func (s *Service) programView(t *db.Tenant, id string) (*ProgramView, error) {
	if !db.ValidID(id) {
		return nil, errs.ErrNotFound
	}
	p, err := s.Store.Program(t, id)
	if err != nil {
		return nil, err
	}
	ms, err := s.Store.Memberships(t, p.ID)
	if err != nil {
		return nil, err
	}
	v := p.view(ms[p.ID])
	return &v, nil
}
