package httpx

import (
	"errors"
	"testing"

	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"

	"github.com/peduli/peduli/internal/platform/errs"
)

// fuzzInput is a request struct shaped like the real ones: nested objects,
// lists, numbers, bounded strings and validation rules.
type fuzzInput struct {
	Name   string   `json:"name" validate:"required,min=2,max=120"`
	Email  string   `json:"email" validate:"omitempty,email,max=254"`
	Amount int64    `json:"amount" validate:"gte=0,lte=100000000000000"`
	Date   string   `json:"date" validate:"omitempty,datetime=2006-01-02"`
	Kind   string   `json:"kind" validate:"omitempty,oneof=income expense"`
	IDs    []string `json:"ids" validate:"max=200,dive,uuid"`
	Owner  struct {
		Name  string `json:"name" validate:"max=120"`
		Phone string `json:"phone" validate:"max=20"`
	} `json:"owner"`
	Flag *bool `json:"flag"`
}

// FuzzBind: whatever the body, Bind never panics and answers either nothing
// (valid), a 400 problem, or a 422 with field errors — never a 5xx.
func FuzzBind(f *testing.F) {
	for _, s := range []string{
		`{"name":"Ibu Maria","amount":5000000,"date":"2026-03-02","ids":[]}`,
		`{"name":1}`, `{"name":"x","amount":-1}`, `[]`, `null`, `{"owner":{"name":"` + "\u0000" + `"}}`,
		`{"name":"ab"} {}`, `{"amount":1e400}`, `{"ids":["not-a-uuid"]}`, `{`, ``, `"` + "\xff" + `"`,
		`{"name":"ab","flag":"yes"}`, `{"date":"2026-02-30","name":"ab"}`,
	} {
		f.Add([]byte(s), "application/json")
	}
	f.Add([]byte(`name=x`), "application/x-www-form-urlencoded")
	app := fiber.New()
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		c := app.AcquireCtx(&fasthttp.RequestCtx{})
		defer app.ReleaseCtx(c)
		c.Request().SetBody(body)
		c.Request().Header.SetContentType(contentType)
		var in fuzzInput
		err := Bind(c, &in)
		if err == nil {
			if len(in.Name) < 2 || len(in.Name) > 120*4 || in.Amount < 0 {
				t.Fatalf("accepted an input its rules refuse: %+v", in)
			}
			return
		}
		p := Classify(err)
		var ve *errs.ValidationError
		switch {
		case p.Status == 400:
		case p.Status == 422 && errors.As(err, &ve) && len(ve.Fields) > 0:
		default:
			t.Fatalf("body %q answered %d %s (%v)", body, p.Status, p.Code, err)
		}
	})
}
