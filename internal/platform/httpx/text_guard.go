package httpx

import (
	"bytes"
	"encoding/json"
	"sort"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/platform/errs"
)

// TextGuard refuses, with 422 naming each field, a request whose query
// parameters, form fields or JSON strings break the text rules (CheckText).
// It runs before any handler, so the rule holds for every route however it
// reads its input. Requests under a skipped path prefix pass untouched (the
// Stripe webhook, whose body is Stripe's and is verified byte for byte).
func TextGuard(skip ...string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		for _, p := range skip {
			if strings.HasPrefix(c.Path(), p) {
				return c.Next()
			}
		}
		if err := CheckRequestText(c); err != nil {
			return err
		}
		return c.Next()
	}
}

// CheckRequestText applies the text rules to a request's query parameters
// and its form or JSON body, and returns a ValidationError naming every
// field at fault, or nil.
func CheckRequestText(c *fiber.Ctx) error {
	v := &errs.ValidationError{}
	c.Request().URI().QueryArgs().VisitAll(func(k, val []byte) { addText(v, string(k), string(val)) })
	ct := strings.ToLower(c.Get(fiber.HeaderContentType))
	switch {
	case strings.HasPrefix(ct, fiber.MIMEApplicationForm):
		c.Request().PostArgs().VisitAll(func(k, val []byte) { addText(v, string(k), string(val)) })
	case strings.HasPrefix(ct, fiber.MIMEMultipartForm):
		if form, err := c.MultipartForm(); err == nil {
			for k, vals := range form.Value {
				for _, val := range vals {
					addText(v, k, val)
				}
			}
		}
	case isJSON(ct) && len(c.Body()) > 0:
		checkJSON(v, c.Body())
	}
	if len(v.Fields) == 0 {
		return nil
	}
	sort.Slice(v.Fields, func(i, j int) bool { return v.Fields[i].Field < v.Fields[j].Field })
	return v
}

func addText(v *errs.ValidationError, path, s string) {
	if fe := CheckText(path, s); fe != nil {
		for _, seen := range v.Fields {
			if seen.Field == path {
				return
			}
		}
		v.Fields = append(v.Fields, *fe)
	}
}

// checkJSON walks every string of a JSON body. A body that does not parse is
// left to the handler, which answers 400.
func checkJSON(v *errs.ValidationError, body []byte) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return
	}
	walkJSON(v, "", doc)
}

func walkJSON(v *errs.ValidationError, path string, x any) {
	switch t := x.(type) {
	case string:
		field := path
		if field == "" {
			field = "body"
		}
		addText(v, field, t)
	case map[string]any:
		for k, val := range t {
			p := k
			if path != "" {
				p = path + "." + k
			}
			walkJSON(v, p, val)
		}
	case []any:
		for i, val := range t {
			walkJSON(v, path+"["+strconv.Itoa(i)+"]", val)
		}
	}
}
