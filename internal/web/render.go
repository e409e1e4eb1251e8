package web

import (
	"bytes"
	"net/url"
	"strconv"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/platform/httpx"
	"github.com/peduli/peduli/internal/tenancy"
)

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Render answers 200 with a page in the layout. data is the page's own
// content ({{.Data}} in the template).
func (p *Pages) Render(c *fiber.Ctx, name string, data any) error {
	return p.RenderForm(c, fiber.StatusOK, name, nil, data)
}

// RenderForm answers a page with a form: status 200 for a fresh form, 422
// when it is shown again with errors (its values kept).
func (p *Pages) RenderForm(c *fiber.Ctx, status int, name string, f *Form, data any) error {
	return p.write(c, status, name, "", p.view(c, name, status, f, data))
}

// RenderBlock answers only one named block of a page's template, for htmx
// requests that swap part of a page ({{define "regions"}} … in the page).
func (p *Pages) RenderBlock(c *fiber.Ctx, name, block string, data any) error {
	return p.write(c, fiber.StatusOK, name, block, p.view(c, name, fiber.StatusOK, nil, data))
}

func (p *Pages) view(c *fiber.Ctx, name string, status int, f *Form, data any) *View {
	lang := Lang(c)
	return &View{
		Localizer: p.Catalogue.Localizer(lang), Name: name, Path: c.Path(),
		User: identity.UserOf(c), Tenant: tenancy.TenantOf(c), Role: tenancy.RoleOf(c),
		CSRF: p.CSRFToken(c), Flash: p.takeFlash(c, lang), Form: f, Status: status, Data: data, pages: p,
		can: func(perm access.Perm) bool { return tenancy.Can(c, perm) },
	}
}

func (p *Pages) write(c *fiber.Ctx, status int, name, block string, v *View) error {
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer bufPool.Put(buf)
	if err := p.execute(buf, name, block, v); err != nil {
		return err
	}
	c.Set(fiber.HeaderContentLanguage, v.Lang())
	c.Set(fiber.HeaderVary, "Cookie, Accept-Language")
	c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
	return c.Status(status).Send(buf.Bytes())
}

// ErrorPage renders a problem as a friendly page in the visitor's language;
// it is httpx.ErrorHandler's PageRenderer. A 401 sends the browser to the
// login page instead.
func (p *Pages) ErrorPage(c *fiber.Ctx, prob httpx.Problem) error {
	if prob.Status == fiber.StatusUnauthorized && c.Method() == fiber.MethodGet {
		return c.Redirect(LoginURL(c.OriginalURL()), fiber.StatusSeeOther)
	}
	key := "error." + strconv.Itoa(prob.Status)
	if !p.Catalogue.Has(Lang(c), key+".title") {
		key = "error.500"
		if prob.Status < 500 {
			key = "error.400"
		}
	}
	if prob.Code == "tenant_suspended" {
		key = "error.suspended"
	}
	if len(prob.Errors) > 0 {
		// Name the fields at fault, as the API's problem does.
		f := NewForm()
		for _, fe := range prob.Errors {
			f.Fields[fe.Field] = fe
		}
		c.Set(fiber.HeaderCacheControl, "no-store")
		return p.write(c, prob.Status, "errors/error", "", p.view(c, "errors/error", prob.Status, f, key))
	}
	return p.renderError(c, prob.Status, key)
}

// renderError shows the error page with the messages under key
// (key.title and key.text).
func (p *Pages) renderError(c *fiber.Ctx, status int, key string) error {
	c.Set(fiber.HeaderCacheControl, "no-store")
	return p.write(c, status, "errors/error", "", p.view(c, "errors/error", status, nil, key))
}

// Errors turns any error a page handler returns into an error page, whatever
// the browser's Accept header says. Mount it before page routes.
func (p *Pages) Errors(c *fiber.Ctx) error {
	err := c.Next()
	if err == nil {
		return nil
	}
	prob := httpx.Classify(err)
	if prob.Status >= 500 && p.Log != nil {
		p.Log.Error("page failed", "request_id", httpx.RequestID(c), "error", err)
	}
	return p.ErrorPage(c, prob)
}

// RequireLogin sends a visitor without a session to the login page, which
// brings her back here afterwards.
func (p *Pages) RequireLogin(c *fiber.Ctx) error {
	if identity.UserOf(c) == nil {
		return c.Redirect(LoginURL(c.OriginalURL()), fiber.StatusSeeOther)
	}
	return c.Next()
}

// LoginURL is the login page that returns to next after signing in.
func LoginURL(next string) string {
	if !SafeNext(next) || next == "/" {
		return "/login"
	}
	return "/login?next=" + url.QueryEscape(next)
}

// SafeNext reports whether next is a path on this site, so a redirect after
// login (or a language switch) cannot send people elsewhere. It must parse
// as a URL with no scheme, host or user; start with a single "/" followed by
// neither "/" nor "\\"; and hold no control or whitespace character and no
// backslash. Browsers drop tabs and newlines and read "\\" as "/", so
// "/\t/evil.example" is another origin to them: the same holds after
// percent-decoding, which is checked until nothing more decodes.
func SafeNext(next string) bool {
	for range 4 {
		if !safePath(next) {
			return false
		}
		u, err := url.Parse(next)
		if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" {
			return false
		}
		decoded, err := url.PathUnescape(next)
		if err != nil {
			return false
		}
		if decoded == next {
			return true
		}
		next = decoded
	}
	return false
}

// safePath checks the characters of a redirect path, before and after each
// decoding.
func safePath(p string) bool {
	if len(p) == 0 || p[0] != '/' || (len(p) > 1 && (p[1] == '/' || p[1] == '\\')) {
		return false
	}
	if !utf8.ValidString(p) {
		return false
	}
	for _, r := range p {
		if r == '\\' || unicode.IsControl(r) || unicode.IsSpace(r) || unicode.Is(unicode.Zs, r) ||
			r == '\u2028' || r == '\u2029' {
			return false
		}
	}
	return true
}
