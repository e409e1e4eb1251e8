package testkit

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
)

// Browser is a page client for tests: it keeps cookies like a browser,
// sends Accept: text/html, and puts the CSRF token of the last page it
// opened into the forms it posts.
type Browser struct {
	e       *Env
	cookies map[string]string
	// AcceptLanguage is sent with every request when set.
	AcceptLanguage string
	// Headers are sent with every request (e.g. a trusted proxy's X-Real-IP).
	Headers map[string]string
	csrf    string
}

// Browser returns a browser with no cookies (a visitor who is not signed in).
func (e *Env) Browser() *Browser { return &Browser{e: e, cookies: map[string]string{}} }

// BrowserAs returns a browser signed in with a session token from the
// fixtures (Group.OwnerToken, Member.Token).
func (e *Env) BrowserAs(token string) *Browser {
	b := e.Browser()
	b.cookies["peduli_session"] = token
	return b
}

// Cookie returns a cookie the browser holds.
func (b *Browser) Cookie(name string) string { return b.cookies[name] }

// SetCookie sets a cookie as if the server had.
func (b *Browser) SetCookie(name, value string) { b.cookies[name] = value }

var csrfInput = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

// Get opens a page. Redirects are not followed: check Location.
func (b *Browser) Get(path string) *Response {
	b.e.T.Helper()
	return b.do(httptest.NewRequest(http.MethodGet, path, nil))
}

// Post submits a form. Unless form has its own _csrf, the token of the last
// page opened is added, as the page's hidden field would be.
func (b *Browser) Post(path string, form url.Values) *Response {
	b.e.T.Helper()
	if form == nil {
		form = url.Values{}
	}
	if _, ok := form["_csrf"]; !ok && b.csrf != "" {
		form.Set("_csrf", b.csrf)
	}
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(req)
}

// CSRF returns the token of the last page opened.
func (b *Browser) CSRF() string { return b.csrf }

// PostRaw submits form exactly as given (no token added) with extra headers.
func (b *Browser) PostRaw(path string, form url.Values, headers map[string]string) *Response {
	b.e.T.Helper()
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	return b.do(req)
}

// PostMultipart submits fields as multipart/form-data, as a form with a
// file input does; the token of the last page opened is added unless given.
func (b *Browser) PostMultipart(path string, fields url.Values) *Response {
	b.e.T.Helper()
	return b.postMultipart(path, fields, nil)
}

// PostFile submits fields and one file as multipart/form-data, as a form
// with a file input does; the token of the last page opened is added
// unless given.
func (b *Browser) PostFile(path string, fields url.Values, field, filename string, data []byte) *Response {
	b.e.T.Helper()
	return b.postMultipart(path, fields, func(w *multipart.Writer) {
		fw, _ := w.CreateFormFile(field, filename)
		_, _ = fw.Write(data)
	})
}

// postMultipart posts fields, then whatever files adds, as one
// multipart/form-data body, with the last page's token unless given.
func (b *Browser) postMultipart(path string, fields url.Values, files func(*multipart.Writer)) *Response {
	b.e.T.Helper()
	if _, ok := fields["_csrf"]; !ok && b.csrf != "" {
		fields.Set("_csrf", b.csrf)
	}
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for k, vs := range fields {
		for _, v := range vs {
			_ = w.WriteField(k, v)
		}
	}
	if files != nil {
		files(w)
	}
	_ = w.Close()
	req := httptest.NewRequest(http.MethodPost, path, &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return b.do(req)
}

// Form builds url.Values from name/value pairs.
func Form(pairs ...string) url.Values {
	v := url.Values{}
	for i := 0; i+1 < len(pairs); i += 2 {
		v.Add(pairs[i], pairs[i+1])
	}
	return v
}

func (b *Browser) do(req *http.Request) *Response {
	b.e.T.Helper()
	req.Header.Set("Accept", "text/html,application/xhtml+xml")
	for k, v := range b.Headers {
		req.Header.Set(k, v)
	}
	if b.AcceptLanguage != "" {
		req.Header.Set("Accept-Language", b.AcceptLanguage)
	}
	for k, v := range b.cookies {
		req.AddCookie(&http.Cookie{Name: k, Value: v})
	}
	res := b.e.Send(req)
	for _, c := range (&http.Response{Header: res.Header}).Cookies() {
		if c.MaxAge < 0 || c.Value == "" {
			delete(b.cookies, c.Name)
		} else {
			b.cookies[c.Name] = c.Value
		}
	}
	if m := csrfInput.FindSubmatch(res.Body); m != nil {
		b.csrf = string(m[1])
	}
	return res
}

// Contains fails the test unless the body holds every text (HTML-escaped
// forms of quotes and ampersands are matched as the browser shows them).
func (r *Response) Contains(texts ...string) *Response {
	r.t.Helper()
	body := unescape(string(r.Body))
	for _, s := range texts {
		if !strings.Contains(body, s) {
			r.t.Fatalf("page lacks %q; body: %s", s, truncate(r.Body))
		}
	}
	return r
}

// Lacks fails the test if the body holds any of texts.
func (r *Response) Lacks(texts ...string) *Response {
	r.t.Helper()
	body := unescape(string(r.Body))
	for _, s := range texts {
		if strings.Contains(body, s) {
			r.t.Fatalf("page should not show %q", s)
		}
	}
	return r
}

// Location returns the redirect target.
func (r *Response) Location() string { return r.Header.Get("Location") }

// ExpectRedirect fails unless r is a 303 to a location starting with prefix.
func (r *Response) ExpectRedirect(prefix string) *Response {
	r.t.Helper()
	r.Expect(http.StatusSeeOther)
	if !strings.HasPrefix(r.Location(), prefix) {
		r.t.Fatalf("redirect to %q, want %q…", r.Location(), prefix)
	}
	return r
}

var entity = strings.NewReplacer("&#39;", "'", "&#34;", `"`, "&quot;", `"`, "&amp;", "&", "&lt;", "<", "&gt;", ">", "&#43;", "+")

func unescape(s string) string { return entity.Replace(s) }
