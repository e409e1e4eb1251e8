package web

import (
	"strings"

	"github.com/peduli/peduli/internal/platform/errs"
)

// FieldView is one form input ready for the "field" partial: label, kept
// value and translated error.
type FieldView struct {
	Name         string
	ID           string
	Label        string
	Type         string
	Value        string
	Error        string
	Hint         string
	Autocomplete string
	Required     bool
	Inputmode    string
}

// Field describes an input for {{template "field" (.Field "email" "login.email" "type=email" "required")}}.
// Options: type=…, autocomplete=…, hint=<message key>, inputmode=…, required.
// Password values are never echoed back.
func (v *View) Field(name, labelKey string, opts ...string) FieldView {
	f := FieldView{Name: name, ID: "f-" + strings.ReplaceAll(name, ".", "-"), Label: v.T(labelKey), Type: "text"}
	for _, o := range opts {
		k, val, _ := strings.Cut(o, "=")
		switch k {
		case "type":
			f.Type = val
		case "autocomplete":
			f.Autocomplete = val
		case "hint":
			f.Hint = v.T(val)
		case "inputmode":
			f.Inputmode = val
		case "required":
			f.Required = true
		}
	}
	if v.Form != nil {
		if f.Type != "password" {
			f.Value = v.Form.Values[name]
		}
		if fe, ok := v.Form.Fields[name]; ok {
			f.Error = v.FieldMessage(fe)
		}
	}
	return f
}

// FieldError returns the translated error of a field, or "" (for inputs the
// field partial does not fit, such as selects).
func (v *View) FieldError(name string) string {
	if v.Form == nil {
		return ""
	}
	if fe, ok := v.Form.Fields[name]; ok {
		return v.FieldMessage(fe)
	}
	return ""
}

// Value returns a kept form value.
func (v *View) Value(name string) string {
	if v.Form == nil {
		return ""
	}
	return v.Form.Values[name]
}

// FieldMessage translates a validation failure: "validation.<rule>" with
// {{.Param}}, else the generic "validation.invalid".
func (v *View) FieldMessage(fe errs.FieldError) string {
	key := "validation." + fe.Rule
	if !v.pages.Catalogue.Has(v.Lang(), key) {
		key = "validation.invalid"
	}
	return v.T(key, "Param", fe.Param)
}
