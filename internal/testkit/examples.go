package testkit

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/google/uuid"
)

// ExampleBody returns a JSON body for an operation that its schema
// accepts: the request body's `example` when the file gives one, else one
// built from the schema (required properties, each property's example,
// enum's first value, formats and length bounds). nil when the operation
// takes no body. Give a body an `example` in api/openapi.yaml when the
// schema alone cannot describe a valid one (e.g. a valid NIK).
func (o *Operation) ExampleBody() any {
	if o.Op.RequestBody == nil || o.Op.RequestBody.Value == nil {
		return nil
	}
	mt := o.Op.RequestBody.Value.Content.Get("application/json")
	if mt == nil {
		return nil
	}
	if mt.Example != nil {
		return mt.Example
	}
	for _, ex := range mt.Examples {
		if ex.Value != nil && ex.Value.Value != nil {
			return ex.Value.Value
		}
	}
	if mt.Schema == nil {
		return map[string]any{}
	}
	return exampleOf("", mt.Schema.Value, 0)
}

func exampleOf(name string, s *openapi3.Schema, depth int) any {
	if s == nil || depth > 8 {
		return nil
	}
	if s.Example != nil {
		return s.Example
	}
	if len(s.Enum) > 0 {
		return s.Enum[0]
	}
	if s.Default != nil {
		return s.Default
	}
	if len(s.AllOf) > 0 {
		return exampleOf(name, s.AllOf[0].Value, depth+1)
	}
	if len(s.OneOf) > 0 {
		return exampleOf(name, s.OneOf[0].Value, depth+1)
	}
	if len(s.AnyOf) > 0 {
		return exampleOf(name, s.AnyOf[0].Value, depth+1)
	}
	switch {
	case s.Type.Is("object") || (s.Type == nil && len(s.Properties) > 0):
		out := map[string]any{}
		for _, req := range s.Required {
			if p := s.Properties[req]; p != nil {
				out[req] = exampleOf(req, p.Value, depth+1)
			}
		}
		for k, p := range s.Properties {
			if _, done := out[k]; !done && p.Value != nil && p.Value.Example != nil {
				out[k] = p.Value.Example
			}
		}
		return out
	case s.Type.Is("array"):
		n := int(s.MinItems)
		items := make([]any, 0, n)
		for range n {
			if s.Items != nil {
				items = append(items, exampleOf(name, s.Items.Value, depth+1))
			}
		}
		return items
	case s.Type.Is("integer"), s.Type.Is("number"):
		v := 1.0
		if s.Min != nil && *s.Min > v {
			v = *s.Min
		}
		if s.Max != nil && *s.Max < v {
			v = *s.Max
		}
		if s.Type.Is("integer") {
			return int64(v)
		}
		return v
	case s.Type.Is("boolean"):
		return false
	}
	return exampleString(name, s)
}

func exampleString(name string, s *openapi3.Schema) string {
	switch s.Format {
	case "date":
		return "2026-03-02"
	case "date-time":
		return "2026-03-02T08:00:00Z"
	case "uuid":
		return uuid.Must(uuid.NewV7()).String()
	case "email":
		return Unique("contoh") + "@example.org"
	}
	lower := strings.ToLower(name)
	switch {
	case strings.Contains(lower, "password"):
		return Password
	case strings.Contains(lower, "email"):
		return Unique("contoh") + "@example.org"
	}
	v := "Contoh " + name
	if min := int(s.MinLength); len(v) < min {
		v += strings.Repeat("x", min-len(v))
	}
	if s.MaxLength != nil && uint64(len(v)) > *s.MaxLength {
		v = v[:*s.MaxLength]
	}
	return v
}

// ExampleQuery returns "?name=value…" for the operation's required query
// parameters (their example, else one built from the schema), or "".
func (o *Operation) ExampleQuery() string {
	q := url.Values{}
	for _, ps := range []openapi3.Parameters{o.Item.Parameters, o.Op.Parameters} {
		for _, ref := range ps {
			p := ref.Value
			if p == nil || p.In != "query" || !p.Required {
				continue
			}
			var v any = p.Example
			if v == nil && p.Schema != nil {
				v = exampleOf(p.Name, p.Schema.Value, 0)
			}
			q.Set(p.Name, fmt.Sprint(v))
		}
	}
	if len(q) == 0 {
		return ""
	}
	return "?" + q.Encode()
}
