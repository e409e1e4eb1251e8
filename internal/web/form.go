package web

import (
	"errors"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/platform/errs"
)

// Form is a submitted (or pre-filled) form: its values, kept to re-show the
// page on error, and what was wrong with them, per field. Field names are
// the same as the JSON paths services report ("owner.email"), so a
// service's ValidationError lands next to the right input.
type Form struct {
	Values map[string]string
	Fields map[string]errs.FieldError
	// Error is a message key for a problem that belongs to no field.
	Error string
}

// NewForm returns an empty form, optionally pre-filled with name/value pairs.
func NewForm(pairs ...string) *Form {
	f := &Form{Values: map[string]string{}, Fields: map[string]errs.FieldError{}}
	for i := 0; i+1 < len(pairs); i += 2 {
		f.Values[pairs[i]] = pairs[i+1]
	}
	return f
}

// ParseForm reads the named fields of a submitted form, trimmed of spaces
// (passwords excepted: fields whose name contains "password" are kept as typed).
func ParseForm(c *fiber.Ctx, names ...string) *Form {
	f := NewForm()
	for _, n := range names {
		v := c.FormValue(n)
		if !strings.Contains(n, "password") {
			v = strings.TrimSpace(v)
		}
		f.Values[n] = v
	}
	return f
}

// Get returns a field's value.
func (f *Form) Get(name string) string { return f.Values[name] }

// Set replaces a field's value (e.g. to clear a password before re-showing).
func (f *Form) Set(name, value string) { f.Values[name] = value }

// Invalid marks one field as wrong with a validation rule (see
// validation.*.yaml for the rules pages translate).
func (f *Form) Invalid(field, rule string) {
	f.Fields[field] = errs.FieldError{Field: field, Rule: rule}
}

// Fail records what a service's error says about the form and reports
// whether it did: field errors from a ValidationError, and a conflict's code
// either on the field that conflictFields maps it to or as a form-wide
// "error.<code>" message. Other errors are left to the caller (usually
// returned, giving the error page).
func (f *Form) Fail(err error, conflictFields map[string]string) bool {
	var ve *errs.ValidationError
	var ce *errs.ConflictError
	switch {
	case errors.As(err, &ve):
		for _, fe := range ve.Fields {
			if _, seen := f.Fields[fe.Field]; !seen {
				f.Fields[fe.Field] = fe
			}
		}
		return true
	case errors.As(err, &ce):
		if field, ok := conflictFields[ce.Code]; ok {
			f.Fields[field] = errs.FieldError{Field: field, Rule: "conflict." + ce.Code}
		} else {
			f.Error = "error." + ce.Code
		}
		return true
	}
	return false
}

// OK reports whether the form has no errors.
func (f *Form) OK() bool { return len(f.Fields) == 0 && f.Error == "" }

// Submit sends a bound form to its service: save when the page could read
// every field, otherwise check (the service's validation alone, writing
// nothing; nil when the service has none to offer), so the form shows the
// fields the page could not read and every rule the service refuses in one
// answer. The service's field errors and mapped conflicts land on the form
// (a field the page already marked keeps its message); any other error is
// returned. It reports whether save ran and succeeded.
func (f *Form) Submit(save, check func() error, conflictFields map[string]string) (bool, error) {
	call := save
	if !f.OK() {
		call = check
	}
	if call == nil {
		return false, nil
	}
	err := call()
	if err == nil {
		return f.OK(), nil
	}
	if f.Fail(err, conflictFields) {
		return false, nil
	}
	return false, err
}
