// Package web is the plumbing of Peduli's server-rendered pages: templates
// parsed once at start-up, the message catalogue, CSRF tokens, flash
// messages, forms with per-field errors, and page-friendly auth and errors.
// Feature pages live in packages under internal/web and use a *Pages.
package web

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"path"
	"strings"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/platform/i18n"
)

// Pages renders templates and holds what every page handler needs.
type Pages struct {
	Catalogue *i18n.Catalogue
	Assets    *Assets
	HTTPS     bool
	Log       *slog.Logger

	templates map[string]*template.Template
	csrfKey   []byte
	nav       []NavItem
}

// NavItem is one entry of the workspace menu, built from the page route
// table: a label key, a path below /t/{slug} and the permission it needs.
type NavItem struct {
	Label string
	Path  string
	Perm  access.Perm
}

// Options configures New.
type Options struct {
	FS        fs.FS  // holds templates/, static/ and locales/ (web.FS)
	SecretKey string // the master secret; CSRF tokens are signed with a key derived from it
	HTTPS     bool
	Log       *slog.Logger
}

// New loads the catalogue, the static files and every template, and fails
// if any of them is broken, so a bad template stops the server at start-up
// rather than on a user's phone.
func New(o Options) (*Pages, error) {
	cat, err := i18n.Load(o.FS, "locales")
	if err != nil {
		return nil, err
	}
	assets, err := LoadAssets(o.FS, "static")
	if err != nil {
		return nil, err
	}
	p := &Pages{Catalogue: cat, Assets: assets, HTTPS: o.HTTPS, Log: o.Log, csrfKey: deriveKey(o.SecretKey)}
	if p.templates, err = parseTemplates(o.FS); err != nil {
		return nil, err
	}
	return p, nil
}

// deriveKey makes the CSRF signing key from the master secret, or a random
// one (tokens then die with the process) when no secret is configured.
func deriveKey(secret string) []byte {
	if secret == "" {
		k := make([]byte, 32)
		_, _ = rand.Read(k)
		return k
	}
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte("peduli web csrf v1"))
	return m.Sum(nil)
}

// SetNav sets the workspace menu (the app builds it from its route table).
func (p *Pages) SetNav(items []NavItem) { p.nav = items }

// funcs are the few helpers templates need beyond View's methods.
var funcs = template.FuncMap{
	// dict builds a map for passing several values to a partial.
	"dict": func(kv ...any) (map[string]any, error) {
		if len(kv)%2 != 0 {
			return nil, fmt.Errorf("dict: odd number of arguments")
		}
		m := make(map[string]any, len(kv)/2)
		for i := 0; i < len(kv); i += 2 {
			k, ok := kv[i].(string)
			if !ok {
				return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
			}
			m[k] = kv[i+1]
		}
		return m, nil
	},
	"add":     func(a, b int) int { return a + b },
	"eq_role": func(a access.Role, b string) bool { return string(a) == b },
}

// parseTemplates parses layout.html and partials/*.html once, then clones
// them for each page under pages/ ("pages/account/login.html" → "account/login").
func parseTemplates(fsys fs.FS) (map[string]*template.Template, error) {
	base, err := template.New("layout.html").Funcs(funcs).ParseFS(fsys, "templates/layout.html", "templates/partials/*.html")
	if err != nil {
		return nil, fmt.Errorf("web: templates: %w", err)
	}
	out := map[string]*template.Template{}
	err = fs.WalkDir(fsys, "templates/pages", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(name) != ".html" {
			return err
		}
		t, err := base.Clone()
		if err != nil {
			return err
		}
		if _, err := t.ParseFS(fsys, name); err != nil {
			return fmt.Errorf("web: %s: %w", name, err)
		}
		key := strings.TrimSuffix(strings.TrimPrefix(name, "templates/pages/"), ".html")
		out[key] = t
		return nil
	})
	return out, err
}

// execute renders a page's template (or one of its named blocks) into buf.
func (p *Pages) execute(buf *bytes.Buffer, name, block string, v *View) error {
	t, ok := p.templates[name]
	if !ok {
		return fmt.Errorf("web: no template %q", name)
	}
	if block == "" {
		block = "layout.html"
	}
	return t.ExecuteTemplate(buf, block, v)
}

// Templates lists the page template names (for tests).
func (p *Pages) Templates() []string {
	out := make([]string, 0, len(p.templates))
	for k := range p.templates {
		out = append(out, k)
	}
	return out
}

// NavItems returns the workspace menu (for tests and benchmarks that visit
// every workspace page).
func (p *Pages) NavItems() []NavItem { return append([]NavItem(nil), p.nav...) }
