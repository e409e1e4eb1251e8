package errs_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/peduli/peduli/internal/platform/errs"
)

func TestValidationErrorCollectsFields(t *testing.T) {
	t.Parallel()
	v := &errs.ValidationError{}
	if v.Err() != nil {
		t.Fatal("an empty ValidationError is an error")
	}
	var none *errs.ValidationError
	if none.Err() != nil {
		t.Fatal("a nil ValidationError is an error")
	}
	v.Add("name", "required", "is required")
	v.Add("phone", "phone", "is not a phone number")
	err := v.Err()
	if err == nil || err.Error() != "invalid input: name, phone" {
		t.Fatalf("err = %v", err)
	}
	// Wrapped where it crosses a package, it is still found.
	var got *errs.ValidationError
	if !errors.As(fmt.Errorf("registry: create: %w", err), &got) || len(got.Fields) != 2 ||
		got.Fields[1] != (errs.FieldError{Field: "phone", Rule: "phone", Message: "is not a phone number"}) {
		t.Fatalf("unwrapped %+v", got)
	}
}

func TestInvalidIsOneField(t *testing.T) {
	t.Parallel()
	var v *errs.ValidationError
	if err := errs.Invalid("period", "past", "must not be in the future"); !errors.As(err, &v) ||
		len(v.Fields) != 1 || v.Fields[0].Field != "period" || v.Fields[0].Rule != "past" || err.Error() != "invalid input: period" {
		t.Fatalf("Invalid = %v (%+v)", err, v)
	}
}

func TestConflictCarriesCodeAndMessage(t *testing.T) {
	t.Parallel()
	err := fmt.Errorf("tenancy: signup: %w", errs.Conflict("slug_taken", "this address is taken"))
	var c *errs.ConflictError
	if !errors.As(err, &c) || c.Code != "slug_taken" || c.Error() != "this address is taken" {
		t.Fatalf("conflict = %v", err)
	}
}

func TestSentinelsAreDistinct(t *testing.T) {
	t.Parallel()
	all := []error{errs.ErrNotFound, errs.ErrUnauthenticated, errs.ErrForbidden, errs.ErrGone}
	for i, a := range all {
		for j, b := range all {
			if (i == j) != errors.Is(fmt.Errorf("wrapped: %w", a), b) {
				t.Errorf("errors.Is(%v, %v) = %v", a, b, i != j)
			}
		}
	}
}

func TestAlsoMergesFieldsFirstMessageWins(t *testing.T) {
	t.Parallel()
	v := &errs.ValidationError{}
	if err := v.Also(nil); err != nil || v.Err() != nil {
		t.Fatalf("Also(nil) = %v, %v", err, v.Err())
	}
	if err := v.Also(errs.Invalid("name", "max", "must be at most 120 characters")); err != nil {
		t.Fatal(err)
	}
	other := &errs.ValidationError{}
	other.Add("name", "required", "is required")
	other.Add("phone", "phone", "is not a phone number")
	if err := v.Also(fmt.Errorf("wrapped: %w", other)); err != nil {
		t.Fatal(err)
	}
	if len(v.Fields) != 2 || v.Fields[0].Rule != "max" || v.Fields[1].Field != "phone" || !v.Has("phone") || v.Has("email") {
		t.Fatalf("merged %+v", v.Fields)
	}
	boom := errors.New("store down")
	if err := v.Also(boom); err != boom || len(v.Fields) != 2 {
		t.Fatalf("Also(other error) = %v, fields %+v", err, v.Fields)
	}
}
