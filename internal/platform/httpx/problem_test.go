package httpx

import (
	"fmt"
	"testing"

	"github.com/peduli/peduli/internal/platform/errs"
)

// TestClassifyDomainErrors: each error a service returns becomes its
// problem, also when wrapped with context on the way up.
func TestClassifyDomainErrors(t *testing.T) {
	cases := []struct {
		err    error
		status int
		code   string
		detail string
	}{
		{errs.Malformed("", "cannot read it"), 400, "malformed_request", "cannot read it"},
		{errs.Malformed("bad_signature", "wrong signature"), 400, "bad_signature", "wrong signature"},
		{errs.TooLarge("the file is over the limit"), 413, "payload_too_large", "the file is over the limit"},
		{errs.Unavailable("", "the store is down"), 503, "unavailable", "the store is down"},
		{errs.Unavailable("payment_provider_unavailable", "try later"), 503, "payment_provider_unavailable", "try later"},
		{errs.Conflict("slug_taken", "taken"), 409, "slug_taken", "taken"},
		{errs.Invalid("name", "required", "is required"), 422, "validation_failed", "1 field is invalid"},
		{errs.ErrNotFound, 404, "not_found", ""},
		{fmt.Errorf("funds: upload: %w", errs.TooLarge("too big")), 413, "payload_too_large", "too big"},
		{fmt.Errorf("something broke"), 500, "internal", ""},
	}
	for _, c := range cases {
		p := Classify(c.err)
		if p.Status != c.status || p.Code != c.code || p.Detail != c.detail {
			t.Errorf("Classify(%v) = %d %s %q, want %d %s %q", c.err, p.Status, p.Code, p.Detail, c.status, c.code, c.detail)
		}
	}
}
