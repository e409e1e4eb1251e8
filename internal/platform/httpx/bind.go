package httpx

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"

	"github.com/go-playground/validator/v10"
	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/platform/errs"
)

// Validator checks request structs by their `validate` tags and reports
// fields by their JSON names.
var validate = newValidator()

func newValidator() *validator.Validate {
	v := validator.New(validator.WithRequiredStructEnabled())
	v.RegisterTagNameFunc(func(f reflect.StructField) string {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			return ""
		}
		if name == "" {
			return f.Name
		}
		return name
	})
	return v
}

// Bind decodes a JSON body into dst and validates it. Wrong content type,
// broken JSON and wrong types answer 400; failed rules answer 422. An empty
// body decodes as {}.
func Bind(c *fiber.Ctx, dst any) error {
	if err := Decode(c, dst); err != nil {
		return err
	}
	return Validate(dst)
}

// Decode reads the JSON body into dst without validating it.
func Decode(c *fiber.Ctx, dst any) error {
	body := c.Body()
	if len(bytes.TrimSpace(body)) == 0 {
		body = []byte("{}")
	} else if ct := c.Get(fiber.HeaderContentType); !isJSON(ct) {
		return Malformed("the body must be JSON (Content-Type: application/json)")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(dst); err != nil {
		return decodeProblem(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return Malformed("the body must hold a single JSON value")
	}
	return nil
}

func isJSON(ct string) bool {
	mt, _, _ := strings.Cut(ct, ";")
	mt = strings.TrimSpace(strings.ToLower(mt))
	return mt == "application/json" || strings.HasSuffix(mt, "+json")
}

func decodeProblem(err error) error {
	var te *json.UnmarshalTypeError
	var se *json.SyntaxError
	switch {
	case errors.As(err, &te):
		pe := &ProblemError{Problem: NewProblem("malformed_request", "a field has the wrong type")}
		field := te.Field
		if field == "" {
			field = "body"
		}
		pe.Problem.Errors = []errs.FieldError{{Field: field, Rule: "type", Param: te.Type.String(),
			Message: "must be " + jsonKind(te.Type)}}
		return pe
	case errors.As(err, &se), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return Malformed("the body is not valid JSON")
	}
	return Malformed("the body could not be read")
}

func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "a list"
	}
	return "an object"
}

// Validate runs the struct's `validate` rules and returns a ValidationError
// whose fields are JSON paths such as "owner.email".
func Validate(v any) error {
	err := validate.Struct(v)
	if err == nil {
		return nil
	}
	var ves validator.ValidationErrors
	if !errors.As(err, &ves) {
		return err
	}
	out := &errs.ValidationError{}
	for _, fe := range ves {
		ns := fe.Namespace()
		if _, rest, ok := strings.Cut(ns, "."); ok {
			ns = rest
		}
		out.Fields = append(out.Fields, errs.FieldError{
			Field: ns, Rule: fe.Tag(), Param: fe.Param(), Message: ruleMessage(fe),
		})
	}
	return out
}

func ruleMessage(fe validator.FieldError) string {
	p := fe.Param()
	isString := fe.Kind() == reflect.String
	switch fe.Tag() {
	case "required", "required_without", "required_if":
		return "is required"
	case "email":
		return "must be a valid email address"
	case "min":
		if isString {
			return fmt.Sprintf("must be at least %s characters", p)
		}
		return "must be at least " + p
	case "max":
		if isString {
			return fmt.Sprintf("must be at most %s characters", p)
		}
		return "must be at most " + p
	case "gte":
		return "must be at least " + p
	case "lte":
		return "must be at most " + p
	case "gt":
		return "must be greater than " + p
	case "oneof":
		return "must be one of: " + strings.ReplaceAll(p, " ", ", ")
	case "datetime":
		return "must be a date in the form YYYY-MM-DD"
	case "uuid", "uuid4", "uuid7":
		return "must be a valid id"
	case "len":
		return "must have length " + p
	case "numeric":
		return "must contain digits only"
	case "url", "http_url":
		return "must be a valid URL"
	}
	return "is invalid"
}

func itoa(n int) string { return strconv.Itoa(n) }
