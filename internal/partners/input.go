package partners

import (
	"strings"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/platform/httpx"
	"github.com/peduli/peduli/internal/platform/phone"
)

// Input is the body of POST …/partners and PATCH …/partners/{id}. In a
// PATCH absent fields stay and "" clears an optional one.
type Input struct {
	Kind              *string `json:"kind" validate:"omitempty,oneof=government business ngo university religious other"`
	Name              *string `json:"name" validate:"omitempty,max=200"`
	ContactName       *string `json:"contact_name" validate:"omitempty,max=120"`
	ContactPhone      *string `json:"contact_phone" validate:"omitempty,max=32"`
	ContactEmail      *string `json:"contact_email" validate:"omitempty,max=254"`
	MoUStartsOn       *string `json:"mou_starts_on"`
	MoUEndsOn         *string `json:"mou_ends_on"`
	Contribution      *string `json:"contribution" validate:"omitempty,max=2000"`
	ContributionValue *int64  `json:"contribution_value" validate:"omitempty,gte=0,lte=1000000000000000"`
	Notes             *string `json:"notes" validate:"omitempty,max=4000"`
}

// apply validates in, every invalid field in one answer (the tag rules'
// message first when a field breaks both), copies the given fields onto p
// and returns the changed field names.
func (in Input) apply(p *Partner) ([]string, error) {
	tags := &errs.ValidationError{}
	if err := tags.Also(httpx.Validate(in)); err != nil {
		return nil, err
	}
	v := &errs.ValidationError{}
	var fields []string
	set := func(name string, dst *string, src *string) {
		if src == nil {
			return
		}
		if val := strings.TrimSpace(*src); val != *dst {
			*dst, fields = val, append(fields, name)
		}
	}
	set("kind", &p.Kind, in.Kind)
	set("name", &p.Name, in.Name)
	set("contact_name", &p.ContactName, in.ContactName)
	set("contact_email", &p.ContactEmail, in.ContactEmail)
	set("contribution", &p.Contribution, in.Contribution)
	set("notes", &p.Notes, in.Notes)
	if in.ContactPhone != nil {
		number := strings.TrimSpace(*in.ContactPhone)
		if number != "" {
			n, err := phone.Normalize(number)
			if err != nil {
				v.Add("contact_phone", "phone", "must be an Indonesian phone number")
			}
			number = n
		}
		if number != p.ContactPhone {
			p.ContactPhone, fields = number, append(fields, "contact_phone")
		}
	}
	if p.ContactEmail != "" && !strings.Contains(p.ContactEmail, "@") {
		v.Add("contact_email", "email", "must be a valid email address")
	}
	if in.ContributionValue != nil {
		p.ContributionValue, fields = in.ContributionValue, append(fields, "contribution_value")
	}
	if d, changed := date(v, "mou_starts_on", in.MoUStartsOn, p.MoUStartsOn); changed {
		p.MoUStartsOn, fields = d, append(fields, "mou_starts_on")
	}
	if d, changed := date(v, "mou_ends_on", in.MoUEndsOn, p.MoUEndsOn); changed {
		p.MoUEndsOn, fields = d, append(fields, "mou_ends_on")
	}
	if p.Name == "" {
		v.Add("name", "required", "is required")
	}
	if p.Kind == "" {
		v.Add("kind", "required", "is required")
	}
	if p.MoUStartsOn != nil && p.MoUEndsOn != nil && *p.MoUEndsOn < *p.MoUStartsOn {
		v.Add("mou_ends_on", "after", "must not be before mou_starts_on")
	}
	if err := tags.Also(v.Err()); err != nil {
		return nil, err
	}
	return fields, tags.Err()
}

// Check validates in as Create would, writing nothing (for a page that
// could not read one of its fields).
func (s *Service) Check(in Input) error {
	_, err := in.apply(&Partner{})
	return err
}

// date parses an optional date field; "" clears it.
func date(v *errs.ValidationError, field string, in *string, old *db.Date) (*db.Date, bool) {
	if in == nil {
		return old, false
	}
	if *in == "" {
		return nil, old != nil
	}
	d, ok := db.ParseDate(*in)
	if !ok {
		v.Add(field, "date", "must be a date in the form YYYY-MM-DD")
		return old, false
	}
	return &d, old == nil || *old != d
}
