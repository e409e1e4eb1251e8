// Package httpx is Peduli's HTTP plumbing on Fiber: problem details (RFC 9457),
// request binding and validation, request ids, logs and security headers.
package httpx

import (
	"errors"
	"log/slog"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"gorm.io/gorm"

	"github.com/peduli/peduli/internal/platform/errs"
)

// ProblemType is the prefix of every problem's type URI.
const ProblemType = "https://peduli.example/problems/"

// Problem is an RFC 9457 problem details body with Peduli's stable code.
type Problem struct {
	Type   string            `json:"type"`
	Title  string            `json:"title"`
	Status int               `json:"status"`
	Code   string            `json:"code"`
	Detail string            `json:"detail,omitempty"`
	Errors []errs.FieldError `json:"errors,omitempty"`
}

// Problems by code: status, type slug and title.
var problems = map[string]struct {
	status int
	slug   string
	title  string
}{
	"malformed_request":  {400, "malformed", "Malformed request"},
	"unauthenticated":    {401, "unauthenticated", "Authentication required"},
	"forbidden":          {403, "forbidden", "Forbidden"},
	"not_found":          {404, "not-found", "Not found"},
	"method_not_allowed": {405, "method-not-allowed", "Method not allowed"},
	"conflict":           {409, "conflict", "Conflict"},
	"gone":               {410, "gone", "Gone"},
	"payload_too_large":  {413, "payload-too-large", "Payload too large"},
	"unsupported_media":  {415, "unsupported-media-type", "Unsupported media type"},
	"validation_failed":  {422, "validation", "Invalid input"},
	"rate_limited":       {429, "rate-limited", "Too many requests"},
	"internal":           {500, "internal", "Internal error"},
	"unavailable":        {503, "unavailable", "Service unavailable"},
}

// NewProblem builds the problem for a code with an optional detail.
func NewProblem(code, detail string) Problem {
	p, ok := problems[code]
	if !ok {
		p = problems["internal"]
		code = "internal"
	}
	return Problem{Type: ProblemType + p.slug, Title: p.title, Status: p.status, Code: code, Detail: detail}
}

// Malformed is a 400 for a body that could not be read.
func Malformed(detail string) error {
	return &ProblemError{Problem: NewProblem("malformed_request", detail)}
}

// ProblemError carries a ready problem through Fiber's error path.
type ProblemError struct{ Problem Problem }

func (e *ProblemError) Error() string { return e.Problem.Code + ": " + e.Problem.Detail }

// RetryLater is implemented by errors that ask the client to come back
// later (login throttling): they answer 429 with a Retry-After header.
type RetryLater interface {
	error
	RetryAfter() time.Duration
}

// Classify turns any error a handler returned into the problem a client sees.
// Unknown errors become a bare 500 whose detail reveals nothing.
func Classify(err error) Problem {
	var pe *ProblemError
	var ce *errs.ConflictError
	var ve *errs.ValidationError
	var fe *fiber.Error
	var rl RetryLater
	var me *errs.MalformedError
	var te *errs.TooLargeError
	var ue *errs.UnavailableError
	switch {
	case errors.As(err, &rl):
		return NewProblem("rate_limited", "too many attempts; try again later")
	case errors.As(err, &pe):
		return pe.Problem
	case errors.As(err, &ve):
		p := NewProblem("validation_failed", validationDetail(len(ve.Fields)))
		p.Errors = ve.Fields
		return p
	case errors.As(err, &ce):
		p := NewProblem("conflict", ce.Message)
		if ce.Code != "" {
			p.Code = ce.Code
		}
		return p
	case errors.As(err, &me):
		return withCode(NewProblem("malformed_request", me.Message), me.Code)
	case errors.As(err, &te):
		return NewProblem("payload_too_large", te.Message)
	case errors.As(err, &ue):
		return withCode(NewProblem("unavailable", ue.Message), ue.Code)
	case errors.Is(err, errs.ErrNotFound), errors.Is(err, gorm.ErrRecordNotFound):
		return NewProblem("not_found", "")
	case errors.Is(err, errs.ErrUnauthenticated):
		return NewProblem("unauthenticated", "")
	case errors.Is(err, errs.ErrForbidden):
		return NewProblem("forbidden", "your role does not allow this")
	case errors.Is(err, errs.ErrGone):
		return NewProblem("gone", "")
	case errors.Is(err, gorm.ErrDuplicatedKey):
		return NewProblem("conflict", "a record with the same unique value already exists")
	case errors.As(err, &fe):
		return fiberProblem(fe)
	}
	return NewProblem("internal", "")
}

// withCode refines p's code when code is set.
func withCode(p Problem, code string) Problem {
	if code != "" {
		p.Code = code
	}
	return p
}

func fiberProblem(fe *fiber.Error) Problem {
	switch fe.Code {
	case fiber.StatusRequestEntityTooLarge:
		return NewProblem("payload_too_large", "the request body is over the limit")
	case fiber.StatusNotFound:
		return NewProblem("not_found", "")
	case fiber.StatusMethodNotAllowed:
		return NewProblem("method_not_allowed", "")
	case fiber.StatusUnsupportedMediaType:
		return NewProblem("unsupported_media", fe.Message)
	case fiber.StatusTooManyRequests:
		return NewProblem("rate_limited", "")
	case fiber.StatusServiceUnavailable:
		return NewProblem("unavailable", "")
	case fiber.StatusBadRequest, fiber.StatusRequestHeaderFieldsTooLarge:
		return NewProblem("malformed_request", "")
	}
	if fe.Code >= 400 && fe.Code < 500 {
		p := NewProblem("malformed_request", "")
		p.Status = fe.Code
		return p
	}
	return NewProblem("internal", "")
}

func validationDetail(n int) string {
	if n == 1 {
		return "1 field is invalid"
	}
	return itoa(n) + " fields are invalid"
}

// PageRenderer renders an error page for a browser; nil means JSON only.
type PageRenderer func(c *fiber.Ctx, p Problem) error

// ErrorHandler returns Fiber's error handler: problem details for the API
// and for clients that ask for JSON, an HTML page for browsers.
func ErrorHandler(log *slog.Logger, page PageRenderer) fiber.ErrorHandler {
	return func(c *fiber.Ctx, err error) error {
		p := Classify(err)
		var rl RetryLater
		if errors.As(err, &rl) {
			c.Set(fiber.HeaderRetryAfter, strconv.Itoa(int(math.Ceil(rl.RetryAfter().Seconds()))))
		}
		if p.Status >= 500 {
			log.Error("request failed", "request_id", RequestID(c), "route", routePath(c), "error", err)
		}
		if page != nil && wantsHTML(c) {
			return page(c, p)
		}
		return WriteProblem(c, p)
	}
}

// WriteProblem sends p as application/problem+json.
func WriteProblem(c *fiber.Ctx, p Problem) error {
	if p.Status == fiber.StatusTooManyRequests && len(c.Response().Header.Peek(fiber.HeaderRetryAfter)) == 0 {
		c.Set(fiber.HeaderRetryAfter, "60")
	}
	c.Status(p.Status)
	if err := c.JSON(p); err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "application/problem+json")
	return nil
}

func wantsHTML(c *fiber.Ctx) bool {
	if strings.HasPrefix(c.Path(), "/api/") {
		return false
	}
	return strings.Contains(c.Get(fiber.HeaderAccept), "text/html")
}
