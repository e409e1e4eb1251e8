package registry

import (
	"errors"
	"strings"
	"time"

	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/platform/httpx"
	"github.com/peduli/peduli/internal/platform/phone"
)

// Input is the body of POST and PATCH …/beneficiaries. A nil field is
// absent: on create it takes the default, on update it stays unchanged.
type Input struct {
	Name          *string       `json:"name" validate:"omitempty,max=120"`
	NIK           *string       `json:"nik" validate:"omitempty,max=32"`
	KKNumber      *string       `json:"kk_number" validate:"omitempty,max=32"`
	BirthDate     *string       `json:"birth_date" validate:"omitempty,max=10"`
	Phone         *string       `json:"phone" validate:"omitempty,max=32"`
	Address       *string       `json:"address" validate:"omitempty,max=300"`
	Village       *string       `json:"village" validate:"omitempty,max=100"`
	MaritalStatus *string       `json:"marital_status" validate:"omitempty,max=20"`
	HouseholdHead *bool         `json:"household_head"`
	Dependents    *int          `json:"dependents" validate:"omitempty,gte=0,lte=50"`
	Education     *string       `json:"education" validate:"omitempty,max=20"`
	Occupation    *string       `json:"occupation" validate:"omitempty,max=100"`
	MonthlyIncome *int64        `json:"monthly_income" validate:"omitempty,gte=0,lte=100000000000"`
	Disability    *bool         `json:"disability"`
	Consent       *ConsentInput `json:"consent"`
}

// ConsentInput is the purposes she consents to; recorded_at and
// recorded_by are set by the server.
type ConsentInput struct {
	Purposes []string `json:"purposes" validate:"max=3,dive,oneof=services reporting sharing"`
}

// MaritalStatuses and EducationLevels are the accepted enum values.
var (
	MaritalStatuses = []string{"single", "married", "widowed", "divorced", "abandoned"}
	EducationLevels = []string{"none", "primary", "junior", "senior", "higher"}
)

// checked is an Input after validation and normalisation.
type checked struct {
	in        Input
	nik       *NIK
	kk        *string
	phone     *string
	birthDate *time.Time
}

// check validates in; create requires name and nik, and an update may not
// blank them. Every invalid field is reported in one answer (the tag rules'
// message first when a field breaks both). Every message is fixed text:
// none repeats what was typed, since it may be a NIK or a phone.
func check(in Input, create bool, today time.Time) (checked, error) {
	tags := &errs.ValidationError{}
	if err := tags.Also(httpx.Validate(in)); err != nil {
		return checked{}, err
	}
	v := &errs.ValidationError{}
	out := checked{in: in}
	if create && (in.Name == nil || strings.TrimSpace(*in.Name) == "") {
		v.Add("name", "required", "is required")
	} else if in.Name != nil && strings.TrimSpace(*in.Name) == "" {
		v.Add("name", "required", "must not be empty")
	}
	if (create && in.NIK == nil) || (in.NIK != nil && *in.NIK == "") {
		v.Add("nik", "required", "is required")
	} else if in.NIK != nil {
		n, err := ParseNIK(*in.NIK, today)
		if err != nil {
			v.Add("nik", "nik", "must be a valid NIK: "+err.Error())
		} else {
			out.nik = &n
		}
	}
	if in.KKNumber != nil {
		if *in.KKNumber == "" {
			out.kk = in.KKNumber
		} else if kk, err := ParseKK(*in.KKNumber); err != nil {
			v.Add("kk_number", "kk", "must be a valid family card number: "+err.Error())
		} else {
			out.kk = &kk
		}
	}
	if in.Phone != nil {
		if *in.Phone == "" {
			out.phone = in.Phone
		} else if p, err := phone.Normalize(*in.Phone); err != nil {
			v.Add("phone", "phone", phone.ErrInvalid.Error())
		} else {
			out.phone = &p
		}
	}
	if in.BirthDate != nil {
		d, err := parseBirthDate(*in.BirthDate, today)
		if err != nil {
			v.Add("birth_date", "date", err.Error())
		} else {
			out.birthDate = &d
		}
	}
	if in.MaritalStatus != nil && *in.MaritalStatus != "" && !oneOf(*in.MaritalStatus, MaritalStatuses) {
		v.Add("marital_status", "oneof", "must be one of: single, married, widowed, divorced, abandoned")
	}
	if in.Education != nil && *in.Education != "" && !oneOf(*in.Education, EducationLevels) {
		v.Add("education", "oneof", "must be one of: none, primary, junior, senior, higher")
	}
	if err := tags.Also(v.Err()); err != nil {
		return checked{}, err
	}
	return out, tags.Err()
}

// parseBirthDate accepts a real calendar date that is not in the future
// and not before 1900.
func parseBirthDate(s string, today time.Time) (time.Time, error) {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, errors.New("must be a date in the form YYYY-MM-DD")
	}
	if d.After(today) {
		return time.Time{}, errors.New("must not be in the future")
	}
	if d.Year() < 1900 {
		return time.Time{}, errors.New("must be after 1900")
	}
	return d, nil
}

func oneOf(s string, values []string) bool {
	for _, v := range values {
		if v == s {
			return true
		}
	}
	return false
}

// Check validates in as Create (create) or Update would, writing nothing:
// a page that could not read one of its fields still shows every other
// field the service refuses.
func (s *Service) Check(in Input, create bool) error {
	_, err := check(in, create, s.today())
	return err
}
