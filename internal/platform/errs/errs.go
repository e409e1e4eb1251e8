// Package errs holds the domain errors that services return and the HTTP
// layer turns into problem details. Messages here are safe to show a client:
// they never carry personal data or SQL.
package errs

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors shared by every feature.
var (
	// ErrNotFound means the thing does not exist or the caller may not know it does.
	ErrNotFound = errors.New("not found")
	// ErrUnauthenticated means no valid session or token came with the request.
	ErrUnauthenticated = errors.New("authentication required")
	// ErrForbidden means the caller is a member but her role may not do this.
	ErrForbidden = errors.New("forbidden")
	// ErrGone means the resource existed but is no longer served (a suspended tenant).
	ErrGone = errors.New("gone")
)

// ConflictError reports a state or uniqueness conflict (HTTP 409).
type ConflictError struct {
	Code    string // stable machine code, e.g. "slug_taken"
	Message string // client-safe sentence
}

func (e *ConflictError) Error() string { return e.Message }

// Conflict returns a ConflictError with a stable code and a client-safe message.
func Conflict(code, message string) error {
	return &ConflictError{Code: code, Message: message}
}

// FieldError is one invalid input field. Rule and Param let pages translate
// the message into the user's language; Message is the English default.
type FieldError struct {
	Field   string `json:"field"`
	Rule    string `json:"rule,omitempty"`
	Param   string `json:"param,omitempty"`
	Message string `json:"message"`
}

// ValidationError collects the invalid fields of one input (HTTP 422).
type ValidationError struct {
	Fields []FieldError
}

func (e *ValidationError) Error() string {
	names := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		names[i] = f.Field
	}
	return fmt.Sprintf("invalid input: %s", strings.Join(names, ", "))
}

// Add records one invalid field.
func (e *ValidationError) Add(field, rule, message string) {
	e.Fields = append(e.Fields, FieldError{Field: field, Rule: rule, Message: message})
}

// Err returns the collected error, or nil when no field was invalid.
func (e *ValidationError) Err() error {
	if e == nil || len(e.Fields) == 0 {
		return nil
	}
	return e
}

// Invalid returns a ValidationError for a single field.
func Invalid(field, rule, message string) error {
	v := &ValidationError{}
	v.Add(field, rule, message)
	return v
}

// Has reports whether field is already marked invalid.
func (e *ValidationError) Has(field string) bool {
	for _, f := range e.Fields {
		if f.Field == field {
			return true
		}
	}
	return false
}

// Also adds the fields of err when it is a ValidationError, keeping the
// first message of a field already marked, so a service reports the
// structural (tag) rules and its own rules in one answer. Any other
// non-nil error is returned for the caller to give up with.
func (e *ValidationError) Also(err error) error {
	var ve *ValidationError
	if err == nil {
		return nil
	}
	if !errors.As(err, &ve) {
		return err
	}
	for _, f := range ve.Fields {
		if !e.Has(f.Field) {
			e.Fields = append(e.Fields, f)
		}
	}
	return nil
}
