package registry

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/registry"
	"github.com/peduli/peduli/internal/web"
)

// fields are the beneficiary form's inputs, named as the service's JSON
// fields so its validation errors land next to the right input. Consent
// purposes are one checkbox each.
var fields = []string{"name", "nik", "kk_number", "birth_date", "phone", "address", "village", "marital_status",
	"household_head", "dependents", "education", "occupation", "monthly_income", "disability",
	"consent_services", "consent_reporting", "consent_sharing"}

// formData is what the register and edit templates need besides the form.
type formData struct {
	ID             string
	MaritalStatues []string
	Education      []string
	Purposes       []string
}

func newFormData(id string) formData {
	return formData{ID: id, MaritalStatues: registry.MaritalStatuses, Education: registry.EducationLevels,
		Purposes: registry.Purposes}
}

// parseBeneficiary reads the submitted form into the service's input,
// noting only what the page cannot hand over (an unreadable number or
// amount) and a missing consent to services on registration; every other
// rule is the service's. Every field is present,
// so an edit sends the whole record and "" clears an optional field.
func parseBeneficiary(c *fiber.Ctx, create bool) (*web.Form, registry.Input) {
	f := web.ParseForm(c, fields...)
	str := func(name string) *string { v := f.Get(name); return &v }
	in := registry.Input{
		Name: str("name"), NIK: str("nik"), KKNumber: str("kk_number"), BirthDate: str("birth_date"),
		Phone: str("phone"), Address: str("address"), Village: str("village"), MaritalStatus: str("marital_status"),
		Education: str("education"), Occupation: str("occupation"),
	}
	if in.BirthDate != nil && *in.BirthDate == "" {
		in.BirthDate = nil // the service cannot clear a birth date; blank leaves it as it was
	}
	head := f.Get("household_head") != ""
	in.HouseholdHead = &head
	in.Dependents, in.MonthlyIncome, in.Disability = householdFacts(f)
	purposes := []string{}
	for _, p := range registry.Purposes {
		if f.Get("consent_"+p) != "" {
			purposes = append(purposes, p)
		}
	}
	in.Consent = &registry.ConsentInput{Purposes: purposes}
	if create && f.Get("consent_services") == "" {
		f.Invalid("consent_services", "registry.consent_services")
	}
	return f, in
}

// formOf fills the edit form from a full view of her record.
func formOf(v registry.View) *web.Form {
	f := web.NewForm("name", v.Name, "village", v.Village, "marital_status", v.MaritalStatus,
		"education", v.Education, "occupation", v.Occupation, "dependents", strconv.Itoa(v.Dependents))
	for name, p := range map[string]*string{"nik": v.NIK, "kk_number": v.KKNumber, "birth_date": v.BirthDate,
		"phone": v.Phone, "address": v.Address} {
		if p != nil {
			f.Set(name, *p)
		}
	}
	if v.HouseholdHead {
		f.Set("household_head", "on")
	}
	if v.MonthlyIncome != nil {
		f.Set("monthly_income", web.RupiahInput(*v.MonthlyIncome))
	}
	if v.Disability != nil {
		f.Set("disability", map[bool]string{true: "yes", false: "no"}[*v.Disability])
	}
	for _, p := range v.Consent.Purposes {
		f.Set("consent_"+p, "on")
	}
	return f
}

func ptr[T any](v T) *T { return &v }

// householdFacts reads the fields the record form and the assessment form
// share: dependents, monthly income in Rupiah, and disability (yes, no, or
// left unanswered).
func householdFacts(f *web.Form) (dependents *int, income *int64, disability *bool) {
	deps := 0
	if s := f.Get("dependents"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			f.Invalid("dependents", "registry.dependents")
		}
		deps = n
	}
	income = f.OptionalRupiah("monthly_income")
	switch f.Get("disability") {
	case "yes":
		disability = ptr(true)
	case "no":
		disability = ptr(false)
	}
	return &deps, income, disability
}

// ownRules are the registry's own validation rules; their messages are
// validation.registry.<rule> in this feature's catalogue.
var ownRules = map[string]bool{"nik": true, "kk": true, "phone": true, "date": true}

// localRules renames the registry's own rules so their messages come from
// this feature's strings, not the shared ones; the service's range rule on
// dependents reads as the one dependents message ("a number from 0 to 50").
func localRules(f *web.Form) {
	for k, fe := range f.Fields {
		switch {
		case ownRules[fe.Rule]:
			fe.Rule = "registry." + fe.Rule
		case k == "dependents" && (fe.Rule == "gte" || fe.Rule == "lte"):
			fe.Rule = "registry.dependents"
		default:
			continue
		}
		f.Fields[k] = fe
	}
}
