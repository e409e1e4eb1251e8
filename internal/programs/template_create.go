package programs

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/platform/httpx"
)

// templateKey matches a template key: lowercase words joined by hyphens.
var templateKey = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,59}$`)

// TemplateInput is the body of POST /api/v1/admin/program-templates: a new
// version of a template (or the first version of a new key). Version 0 or
// absent means "the next one".
type TemplateInput struct {
	Key               string         `json:"key" validate:"required,max=60"`
	Version           int            `json:"version" validate:"min=0,max=100000"`
	Category          string         `json:"category" validate:"required,oneof=uep kube savings food training"`
	KUBE              bool           `json:"kube"`
	GraduationPeriods int            `json:"graduation_periods"`
	Name              Text           `json:"name"`
	Description       Text           `json:"description"`
	Activities        []ActivityKind `json:"activities"`
	Indicators        []Indicator    `json:"indicators"`
}

// AddTemplateVersion adds a catalog version on behalf of a platform admin
// (the caller checks the role). The version must be above every existing
// version of the key; otherwise 409, since a published version is history.
func (s *Service) AddTemplateVersion(ctx context.Context, userID string, in TemplateInput) (*TemplateView, error) {
	if err := httpx.Validate(in); err != nil {
		return nil, err
	}
	if err := checkTemplate(&in); err != nil {
		return nil, err
	}
	row := Template{
		Key: in.Key, Version: in.Version, Category: in.Category, KUBE: in.KUBE, GraduationPeriods: in.GraduationPeriods,
		Name: in.Name.ID, NameEN: in.Name.EN, Description: in.Description.ID, DescriptionEN: in.Description.EN,
		Activities: encodeList(in.Activities), Indicators: encodeList(in.Indicators),
		CreatedBy: &userID, CreatedAt: s.Now(),
	}
	err := s.Store.db.GlobalTx(ctx, func(tx *gorm.DB) error {
		latest, err := latestTemplate(tx, in.Key)
		switch {
		case errors.Is(err, errs.ErrNotFound):
			if row.Version == 0 {
				row.Version = 1
			}
		case err != nil:
			return err
		case row.Version == 0:
			row.Version = latest.Version + 1
		case row.Version <= latest.Version:
			return errs.Conflict("template_version_exists",
				fmt.Sprintf("version must be greater than %d, the latest version of this template", latest.Version))
		}
		return tx.Create(&row).Error
	})
	if db.IsDuplicate(err) {
		return nil, errs.Conflict("template_version_exists", "this version was just added by someone else")
	}
	if err != nil {
		return nil, err
	}
	s.Log.Info("program template version added", "template", row.Key, "version", row.Version, "user", userID)
	v := row.View()
	return &v, nil
}

// checkTemplate validates a catalog entry: both languages everywhere.
func checkTemplate(in *TemplateInput) error {
	v := &errs.ValidationError{}
	if !templateKey.MatchString(in.Key) {
		v.Add("key", "key", "must be lowercase letters, digits and hyphens (at most 60)")
	}
	in.Name.ID, in.Name.EN = strings.TrimSpace(in.Name.ID), strings.TrimSpace(in.Name.EN)
	if in.Name.ID == "" {
		v.Add("name.id", "required", "is required")
	}
	if in.Name.EN == "" {
		v.Add("name.en", "required", "is required")
	}
	if utf8.RuneCountInString(in.Name.ID) > 200 || utf8.RuneCountInString(in.Name.EN) > 200 {
		v.Add("name", "max", "must be at most 200 characters")
	}
	if utf8.RuneCountInString(in.Description.ID) > 4000 || utf8.RuneCountInString(in.Description.EN) > 4000 {
		v.Add("description", "max", "must be at most 4000 characters")
	}
	if len(in.Activities) == 0 {
		v.Add("activities", "required", "needs at least one activity")
	}
	if len(in.Indicators) == 0 {
		v.Add("indicators", "required", "needs at least one indicator")
	}
	itemRules{bilingual: true}.check(v, in.Activities, in.Indicators, in.GraduationPeriods)
	return v.Err()
}
