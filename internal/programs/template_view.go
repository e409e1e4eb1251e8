package programs

import (
	"context"
	"time"
)

// TemplateView is a catalog entry as the API shows it.
type TemplateView struct {
	Key               string         `json:"key"`
	Version           int            `json:"version"`
	Name              Text           `json:"name"`
	Description       Text           `json:"description"`
	Category          string         `json:"category"`
	KUBE              bool           `json:"kube"`
	GraduationPeriods int            `json:"graduation_periods"`
	Activities        []ActivityKind `json:"activities"`
	Indicators        []Indicator    `json:"indicators"`
	CreatedAt         time.Time      `json:"created_at"`
}

// View returns the template as the API shows it.
func (t *Template) View() TemplateView {
	return TemplateView{
		Key: t.Key, Version: t.Version, Name: Text{ID: t.Name, EN: t.NameEN},
		Description: Text{ID: t.Description, EN: t.DescriptionEN}, Category: t.Category, KUBE: t.KUBE,
		GraduationPeriods: t.GraduationPeriods, Activities: decodeList[ActivityKind](t.Activities),
		Indicators: decodeList[Indicator](t.Indicators), CreatedAt: t.CreatedAt,
	}
}

// Templates lists the catalog: the latest version of each template, or
// every version when all is set.
func (s *Service) Templates(ctx context.Context, all bool) ([]TemplateView, error) {
	rows, err := s.Store.Templates(ctx, all)
	if err != nil {
		return nil, err
	}
	out := make([]TemplateView, len(rows))
	for i := range rows {
		out[i] = rows[i].View()
	}
	return out, nil
}
